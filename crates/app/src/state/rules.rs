//! What the editor allows, in words people read: which links make sense,
//! and which part of an unfinished design can already run.

use std::collections::BTreeSet;

use sdplay_sim::design::may_call;
use sdplay_sim::{BlockId, BlockKind, Design, Link, Problem};

use super::wording;

/// "an API gateway", "app servers".
fn with_article(kind: BlockKind) -> String {
    let label = kind.label().to_lowercase();
    let label = label.replace("cdn", "CDN").replace("api", "API");
    match kind {
        BlockKind::Users | BlockKind::App => label,
        BlockKind::Gateway | BlockKind::Zone => format!("an {label}"),
        _ => format!("a {label}"),
    }
}

/// What a block of `from` may call, as a sentence's end.
fn callees(from: BlockKind) -> String {
    let names: Vec<String> = BlockKind::ALL
        .into_iter()
        .filter(|to| may_call(from, *to))
        .map(with_article)
        .collect();
    match names.as_slice() {
        [] => "nothing".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether `from` may send requests to `to`; if not, why not.
pub fn check_link(design: &Design, from: &BlockId, to: &BlockId) -> Result<(), String> {
    let (Some(source), Some(target)) = (design.block(from), design.block(to)) else {
        return Err("that block no longer exists".into());
    };
    let (from_kind, to_kind) = (source.kind(), target.kind());
    if from == to {
        return Err("a block cannot send requests to itself".into());
    }
    if from_kind == BlockKind::Zone || to_kind == BlockKind::Zone {
        return Err("zones hold blocks; they take no part in requests".into());
    }
    if !may_call(from_kind, to_kind) {
        let callees = callees(from_kind);
        return Err(if callees == "nothing" {
            format!(
                "{} answer requests and call nothing further",
                capitalized(&with_article(from_kind))
            )
        } else {
            format!(
                "{} cannot send requests straight to {}; {} may call {callees}",
                capitalized(&with_article(from_kind)),
                with_article(to_kind),
                with_article(from_kind),
            )
        });
    }
    let link = Link {
        from: from.clone(),
        to: to.clone(),
    };
    if design.links.contains(&link) {
        return Err(format!(
            "{} requests to {} already",
            wording::name_sends(source),
            target.name
        ));
    }
    if design.links.contains(&Link {
        from: to.clone(),
        to: from.clone(),
    }) {
        return Err(format!(
            "{} requests to {}: a link both ways would be a request loop",
            wording::name_sends(target),
            source.name
        ));
    }

    // Whatever else the validator would newly object to (a second target
    // for users, a request loop) refuses the link too.
    let before: BTreeSet<String> = design
        .validate()
        .iter()
        .map(|p| p.message.clone())
        .collect();
    let mut candidate = design.clone();
    candidate.links.push(link.clone());
    match candidate
        .validate()
        .into_iter()
        .find(|problem| !before.contains(&problem.message))
    {
        Some(problem) => Err(wording::describe_refusal(design, &link, &problem)),
        None => Ok(()),
    }
}

/// The part of `design` that can run now, and the problems that keep the
/// rest out, in the page's words. Blocks with a problem (a users block not
/// yet linked, say) and bad links are left out, and again what that leaves
/// broken, until what remains is valid; the user sees every problem, the
/// simulation runs the rest. Blocks no users block reaches are left out
/// too: they would get no traffic, and adding or removing one then leaves
/// the run undisturbed.
pub fn runnable(design: &Design) -> (Design, Vec<Problem>) {
    let (valid, problems) = valid_part(design);
    let described = problems
        .into_iter()
        .map(|problem| Problem {
            message: wording::describe(design, &problem),
            ..problem
        })
        .collect();
    (reached(valid), described)
}

/// The blocks some users block sends requests to, directly or not, with
/// their links and the zones that hold them.
fn reached(mut design: Design) -> Design {
    let mut keep: BTreeSet<BlockId> = design
        .blocks
        .iter()
        .filter(|block| block.kind() == BlockKind::Users)
        .map(|block| block.id.clone())
        .collect();
    let mut frontier: Vec<BlockId> = keep.iter().cloned().collect();
    while let Some(id) = frontier.pop() {
        for link in design.links.iter().filter(|link| link.from == id) {
            if keep.insert(link.to.clone()) {
                frontier.push(link.to.clone());
            }
        }
    }
    let zones: BTreeSet<BlockId> = design
        .blocks
        .iter()
        .filter(|block| keep.contains(&block.id))
        .filter_map(|block| block.zone.clone())
        .collect();
    keep.extend(zones);
    design.blocks.retain(|block| keep.contains(&block.id));
    design
        .links
        .retain(|link| keep.contains(&link.from) && keep.contains(&link.to));
    design
}

/// The valid part of `design` (see [`runnable`]) and the engine's problems
/// with the rest.
fn valid_part(design: &Design) -> (Design, Vec<Problem>) {
    let problems = design.validate();
    let mut current = design.clone();
    let mut found = problems.clone();
    for _ in 0..=design.blocks.len() + design.links.len() {
        if found.is_empty() {
            return (current, problems);
        }
        let mut drop_blocks = BTreeSet::new();
        let mut drop_links = BTreeSet::new();
        for problem in &found {
            if let Some(idx) = index_after(&problem.path, "links[") {
                drop_links.insert(idx);
            } else if let Some(block) = &problem.block {
                drop_blocks.insert(block.clone());
            }
        }
        if drop_blocks.is_empty() && drop_links.is_empty() {
            break;
        }
        let mut idx = 0;
        current.links.retain(|link| {
            let keep = !drop_links.contains(&idx)
                && !drop_blocks.contains(&link.from)
                && !drop_blocks.contains(&link.to);
            idx += 1;
            keep
        });
        current
            .blocks
            .retain(|block| !drop_blocks.contains(&block.id));
        // A block left inside a zone that was dropped stays, outside it.
        for block in &mut current.blocks {
            if block
                .zone
                .as_ref()
                .is_some_and(|zone| drop_blocks.contains(zone))
            {
                block.zone = None;
            }
        }
        found = current.validate();
    }
    if found.is_empty() {
        (current, problems)
    } else {
        (Design::default(), problems)
    }
}

/// `7` from `links[7].from` when `path` starts with `prefix`.
fn index_after(path: &str, prefix: &str) -> Option<usize> {
    let rest = path.strip_prefix(prefix)?;
    rest[..rest.find(']')?].parse().ok()
}

/// The blocks a problem list names, for marking them on the canvas.
pub fn blocks_with_problems(problems: &[Problem]) -> BTreeSet<BlockId> {
    problems.iter().filter_map(|p| p.block.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::Block;

    fn blocks(kinds: &[(&str, BlockKind)]) -> Design {
        Design {
            name: String::new(),
            blocks: kinds
                .iter()
                .map(|(id, kind)| Block::new(id, *kind))
                .collect(),
            links: Vec::new(),
        }
    }

    #[test]
    fn links_that_make_no_sense_are_refused_with_a_reason() {
        let mut design = blocks(&[
            ("users", BlockKind::Users),
            ("db", BlockKind::Database),
            ("app", BlockKind::App),
            ("cdn", BlockKind::Cdn),
        ]);
        let id = BlockId::from;
        let refusal = check_link(&design, &id("users"), &id("db")).unwrap_err();
        assert_eq!(
            refusal,
            "Users cannot send requests straight to a database; users may call a CDN, \
             an API gateway, a load balancer or app servers"
        );
        assert!(check_link(&design, &id("db"), &id("app"))
            .unwrap_err()
            .contains("call nothing further"));
        assert!(check_link(&design, &id("app"), &id("app")).is_err());
        assert_eq!(check_link(&design, &id("users"), &id("app")), Ok(()));
        design.links.push(Link::new("users", "app"));
        assert!(check_link(&design, &id("users"), &id("app"))
            .unwrap_err()
            .contains("already"));
        // Users send to exactly one block: the refusal says so, by name.
        let second = check_link(&design, &id("users"), &id("cdn")).unwrap_err();
        assert_eq!(
            second,
            "Users already send to App servers: a users block sends to one block only"
        );
    }

    #[test]
    fn the_runnable_part_leaves_out_what_is_unfinished() {
        let mut design = blocks(&[
            ("users", BlockKind::Users),
            ("cdn", BlockKind::Cdn),
            ("gateway", BlockKind::Gateway),
            ("app", BlockKind::App),
            ("db", BlockKind::Database),
        ]);
        design.links = vec![
            Link::new("users", "cdn"),
            Link::new("cdn", "gateway"),
            Link::new("app", "db"),
        ];
        let (valid, problems) = valid_part(&design);
        // The gateway sends nowhere, so the CDN and the users go too.
        let ids: Vec<&str> = valid.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["app", "db"]);
        assert_eq!(valid.links, vec![Link::new("app", "db")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(valid.validate().is_empty());
        // And with no users left, no traffic reaches the app: nothing runs.
        let (run, _) = runnable(&design);
        assert!(run.blocks.is_empty(), "{run:?}");

        design.links.push(Link::new("gateway", "app"));
        let (run, problems) = runnable(&design);
        assert_eq!(run, design);
        assert!(problems.is_empty());
    }

    #[test]
    fn blocks_no_traffic_reaches_are_left_out_with_their_empty_zones() {
        let mut design = blocks(&[
            ("users", BlockKind::Users),
            ("app", BlockKind::App),
            ("spare", BlockKind::App),
            ("db", BlockKind::Database),
            ("az-1", BlockKind::Zone),
            ("az-2", BlockKind::Zone),
        ]);
        design.blocks[1].zone = Some("az-1".into());
        design.blocks[2].zone = Some("az-2".into());
        design.links = vec![
            Link::new("users", "app"),
            Link::new("app", "db"),
            Link::new("spare", "db"),
        ];
        let (run, problems) = runnable(&design);
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = run.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["users", "app", "db", "az-1"]);
        assert_eq!(
            run.links,
            vec![Link::new("users", "app"), Link::new("app", "db")]
        );
        assert!(run.validate().is_empty());
    }
}
