//! The engine's problems in the page's words. The validator speaks to
//! design files ("'users' (users) needs exactly one link ... (it has 2)");
//! the page names blocks as the user named them and says what is wrong and
//! what to do. The validator stays the judge: this only rephrases what it
//! found, and anything it does not recognize keeps the engine's wording,
//! with names in place of ids.

use sdplay_sim::{Block, BlockId, BlockKind, Design, Link, Problem};

use super::Selection;

/// A block as a sentence's subject: its name, and whether it reads as a
/// plural ("App servers send", "CDN sends").
struct Subject {
    name: String,
    plural: bool,
}

impl Subject {
    fn of(block: &Block) -> Subject {
        let plural = matches!(block.kind(), BlockKind::Users | BlockKind::App)
            && block.name.trim_end().to_lowercase().ends_with('s');
        Subject {
            name: display_name(block),
            plural,
        }
    }

    /// `singular` or `plural` to agree with the subject.
    fn verb<'a>(&self, singular: &'a str, plural: &'a str) -> &'a str {
        if self.plural {
            plural
        } else {
            singular
        }
    }
}

/// "CDN sends", "Users send": the block's name with the verb agreeing.
pub fn name_sends(block: &Block) -> String {
    let subject = Subject::of(block);
    format!("{} {}", subject.name, subject.verb("sends", "send"))
}

/// "App servers send requests to Redis cache.": what a link does.
pub fn link_sentence(design: &Design, link: &Link) -> String {
    let from = design
        .block(&link.from)
        .map_or_else(|| format!("{} sends", link.from), name_sends);
    format!("{from} requests to {}.", name_of(design, &link.to))
}

/// "2 blocks" or "1 block".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The heading for a selection of several things: what is selected, and
/// the links that Delete takes along with the blocks.
pub fn selection_summary(design: &Design, selection: &Selection) -> String {
    let n_blocks = selection.blocks.len();
    let n_links = selection.links.len();
    let attached = design
        .links
        .iter()
        .filter(|link| {
            (selection.has_block(&link.from) || selection.has_block(&link.to))
                && !selection.has_link(link)
        })
        .count();
    let mut parts = Vec::new();
    if n_blocks > 0 {
        parts.push(counted(n_blocks, "block"));
    }
    if n_links > 0 {
        parts.push(counted(n_links, "link"));
    }
    let mut text = format!("{} selected", parts.join(" and "));
    if attached > 0 {
        let whose = if n_blocks == 1 { "its" } else { "their" };
        let links = if attached == 1 {
            "link".to_owned()
        } else {
            format!("{attached} links")
        };
        text.push_str(&format!(" (Delete also removes {whose} {links})"));
    }
    text
}

/// The name a block shows, or its kind when it has none.
fn display_name(block: &Block) -> String {
    let name = block.name.trim();
    if name.is_empty() {
        block.kind().label().to_owned()
    } else {
        name.to_owned()
    }
}

/// The name of block `id`, or the id itself if it is gone.
fn name_of(design: &Design, id: &BlockId) -> String {
    design
        .block(id)
        .map_or_else(|| id.to_string(), display_name)
}

/// "A", "A and B", "A, B and C".
fn listed(names: &[String]) -> String {
    match names {
        [] => "nothing".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The names of the blocks `id` sends to, keeping those `keep` accepts.
fn targets(design: &Design, id: &BlockId, keep: impl Fn(BlockKind) -> bool) -> Vec<String> {
    design
        .downstream(id)
        .filter(|to| design.block(to).is_some_and(|b| keep(b.kind())))
        .map(|to| name_of(design, to))
        .collect()
}

/// `problem` (found by the validator in `design`) in plain words.
pub fn describe(design: &Design, problem: &Problem) -> String {
    phrase(design, problem, None)
}

/// Why `link` is refused, when adding it to `design` would bring
/// `problem`.
pub fn describe_refusal(design: &Design, link: &Link, problem: &Problem) -> String {
    phrase(design, problem, Some(link))
}

/// The message for `problem`; `adding` is the link that would cause it,
/// not yet in `design`.
// FIXME: this recognizes problems by the validator's English (the tests
// below run the real validator, so a rewording there fails here rather
// than slipping through); once `Problem` carries a kind, match on that.
fn phrase(design: &Design, problem: &Problem, adding: Option<&Link>) -> String {
    let message = problem.message.as_str();
    if let Some(cycle) = message.strip_prefix("request loop: ") {
        let names: Vec<String> = cycle
            .split(" -> ")
            .map(|id| name_of(design, &BlockId::from(id)))
            .collect();
        let verb = if adding.is_some() { "would go" } else { "go" };
        return format!("Requests {verb} round in a loop: {}", names.join(" → "));
    }
    let Some(block) = problem.block.as_ref().and_then(|id| design.block(id)) else {
        return with_names(design, message);
    };
    let subject = Subject::of(block);
    let name = &subject.name;
    // What the block sends to (before the link being added), against the
    // rule it breaks.
    let one_only = |rule: &str, keep: fn(BlockKind) -> bool| {
        let verb = match block.kind() {
            BlockKind::App | BlockKind::Cache => subject.verb("calls", "call"),
            _ => subject.verb("sends to", "send to"),
        };
        let already = if adding.is_some() { "already " } else { "" };
        let now = listed(&targets(design, &block.id, keep));
        format!("{name} {already}{verb} {now}: {rule}")
    };
    if message.contains("needs exactly one link") {
        if design.downstream(&block.id).next().is_none() && adding.is_none() {
            let (they, their) = if subject.plural {
                ("they send", "their")
            } else {
                ("it sends", "its")
            };
            return format!(
                "{name} {} requests nowhere yet: drag from {their} right-hand port to the block {they} to",
                subject.verb("sends", "send")
            );
        }
        let rule = match block.kind() {
            BlockKind::Users => "a users block sends to one block only",
            BlockKind::Cdn => "a CDN passes what it cannot answer to one block only",
            _ => "an API gateway passes requests to one block only",
        };
        return one_only(rule, |_| true);
    }
    if message.contains("needs a link to at least one backend") {
        return format!(
            "{name} {} nothing to balance across yet: link {} to app servers",
            subject.verb("has", "have"),
            if subject.plural { "them" } else { "it" }
        );
    }
    if message.contains("may call at most one further service") {
        return one_only(
            "app servers call one further service at most, besides a cache and a database",
            |kind| !matches!(kind, BlockKind::Cache | BlockKind::Database),
        );
    }
    if message.contains("may call at most one cache") {
        return one_only("app servers call one cache at most", |kind| {
            kind == BlockKind::Cache
        });
    }
    if message.contains("may call at most one database") {
        let rule = if block.kind() == BlockKind::Cache {
            "a cache reads through to one database only"
        } else {
            "app servers call one database at most"
        };
        return one_only(rule, |kind| kind == BlockKind::Database);
    }
    with_names(design, message)
}

/// `message` with every quoted block id replaced by the block's name (and
/// the kind that follows it in the validator's wording dropped).
fn with_names(design: &Design, message: &str) -> String {
    let mut blocks: Vec<&Block> = design.blocks.iter().collect();
    // Longer ids first, so 'app' does not eat into 'app-2'.
    blocks.sort_by_key(|b| std::cmp::Reverse(b.id.as_str().len()));
    let mut text = message.to_owned();
    for block in blocks {
        let quoted = format!("'{}'", block.id);
        let name = display_name(block);
        text = text.replace(
            &format!("{quoted} ({}) ", block.kind()),
            &format!("{name} "),
        );
        text = text.replace(&quoted, &name);
    }
    capitalized(&text)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design() -> Design {
        let mut design = Design::default();
        for (id, kind, name) in [
            ("users", BlockKind::Users, "Users"),
            ("cdn", BlockKind::Cdn, "CDN"),
            ("gateway", BlockKind::Gateway, "API gateway"),
            ("lb", BlockKind::LoadBalancer, "Load balancer"),
            ("app", BlockKind::App, "App servers"),
            ("cache", BlockKind::Cache, "Redis cache"),
            ("db", BlockKind::Database, "PostgreSQL"),
            ("db2", BlockKind::Database, "Replica"),
        ] {
            let mut block = Block::new(id, kind);
            block.name = name.into();
            design.blocks.push(block);
        }
        design
    }

    fn problems(design: &Design) -> Vec<String> {
        design
            .validate()
            .iter()
            .map(|problem| describe(design, problem))
            .collect()
    }

    #[test]
    fn problems_name_blocks_and_say_what_to_do() {
        let mut design = design();
        design.links = vec![
            Link::new("users", "cdn"),
            Link::new("users", "gateway"),
            Link::new("app", "db"),
            Link::new("app", "db2"),
        ];
        let found = problems(&design);
        assert!(
            found.contains(
                &"Users send to CDN and API gateway: a users block sends to one block only".into()
            ),
            "{found:?}"
        );
        assert!(
            found.contains(&"CDN sends requests nowhere yet: drag from its right-hand port to the block it sends to".into()),
            "{found:?}"
        );
        assert!(
            found.contains(
                &"Load balancer has nothing to balance across yet: link it to app servers".into()
            ),
            "{found:?}"
        );
        assert!(
            found.contains(
                &"App servers call PostgreSQL and Replica: app servers call one database at most"
                    .into()
            ),
            "{found:?}"
        );
        assert!(found.iter().all(|m| !m.contains("'")), "{found:?}");
    }

    #[test]
    fn a_refusal_says_what_is_there_already() {
        let mut design = design();
        design.links = vec![Link::new("users", "cdn")];
        let link = Link::new("users", "gateway");
        let mut candidate = design.clone();
        candidate.links.push(link.clone());
        let problem = candidate
            .validate()
            .into_iter()
            .find(|p| p.block == Some(BlockId::from("users")))
            .expect("a second target for users is a problem");
        assert_eq!(
            describe_refusal(&design, &link, &problem),
            "Users already send to CDN: a users block sends to one block only"
        );
    }

    #[test]
    fn a_selection_counts_the_links_delete_takes_along() {
        let mut design = design();
        design.links = vec![
            Link::new("users", "cdn"),
            Link::new("cdn", "gateway"),
            Link::new("gateway", "lb"),
        ];
        let all = Selection::of_blocks(design.blocks.iter().map(|b| b.id.clone()));
        assert_eq!(
            selection_summary(&design, &all),
            "8 blocks selected (Delete also removes their 3 links)"
        );
        let mut some = Selection::of_blocks([BlockId::from("users"), BlockId::from("db")]);
        some.links
            .insert((BlockId::from("cdn"), BlockId::from("gateway")));
        assert_eq!(
            selection_summary(&design, &some),
            "2 blocks and 1 link selected (Delete also removes their link)"
        );
        let links = Selection {
            links: design
                .links
                .iter()
                .map(|l| (l.from.clone(), l.to.clone()))
                .collect(),
            ..Selection::default()
        };
        assert_eq!(selection_summary(&design, &links), "3 links selected");
        assert_eq!(
            link_sentence(&design, &Link::new("app", "cache")),
            "App servers send requests to Redis cache."
        );
    }

    #[test]
    fn loops_and_unknown_messages_use_names() {
        let design = design();
        let problem = Problem {
            path: "links".into(),
            block: Some(BlockId::from("app")),
            message: "request loop: app -> lb -> app".into(),
        };
        assert_eq!(
            describe(&design, &problem),
            "Requests go round in a loop: App servers → Load balancer → App servers"
        );
        let other = Problem {
            path: String::new(),
            block: None,
            message: "'cache' (cache) is odd next to 'db'".into(),
        };
        assert_eq!(
            describe(&design, &other),
            "Redis cache is odd next to PostgreSQL"
        );
    }
}
