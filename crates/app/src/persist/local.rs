//! Autosave in the browser's local storage. Every change of the design is
//! written at once (a design is a few kilobytes of JSON); on the next open
//! the page starts from it instead of the default. A saved design that can
//! no longer be read is set aside under its own key, never overwritten, and
//! the page says so.

use leptos::prelude::*;
use sdplay_sim::Design;

use crate::state::{EditorCtx, RunCtx};

/// Where the design is kept.
const KEY: &str = "sdplay.design";
/// Where a saved design that could not be read is set aside.
const UNREADABLE_KEY: &str = "sdplay.design.unreadable";

/// What the page opens with.
#[derive(Debug, PartialEq)]
pub struct Restored {
    pub design: Design,
    /// For the user: why the saved design was not opened.
    pub problem: Option<String>,
}

/// The design to open: the saved one (`saved`, its JSON) when there is one
/// and it reads, else `fallback`. An unfinished design (a link missing, a
/// value out of range) opens as it is, for the user to finish.
pub fn restore(saved: Option<&str>, fallback: Design) -> Restored {
    let Some(text) = saved else {
        return Restored {
            design: fallback,
            problem: None,
        };
    };
    match Design::parse_json(text) {
        Ok(design) => Restored {
            design,
            problem: None,
        },
        Err(error) => Restored {
            design: fallback,
            problem: Some(format!(
                "The design saved in this browser could not be read ({error}); it is kept \
                 under '{UNREADABLE_KEY}' in the site's local storage, and the default design \
                 is open instead"
            )),
        },
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved design's JSON, if any. A design that `restore` refuses is
/// moved aside first, so the next save cannot overwrite it.
pub fn saved_design() -> Option<String> {
    let storage = storage()?;
    let text = storage.get_item(KEY).ok().flatten()?;
    if Design::parse_json(&text).is_err() {
        let _ = storage.set_item(UNREADABLE_KEY, &text);
    }
    Some(text)
}

/// Saves the design whenever it changes. Storage that is full or switched
/// off (a private window) is told once; the page works on without it.
pub fn use_autosave(editor: EditorCtx, run: RunCtx) {
    let warned = StoredValue::new(false);
    Effect::new(move |previous: Option<String>| {
        let text = editor.design.with(Design::to_json);
        if previous.as_ref() != Some(&text) {
            let saved = storage().is_some_and(|storage| storage.set_item(KEY, &text).is_ok());
            if !saved && !warned.get_value() {
                warned.set_value(true);
                run.notices.update(|notices| {
                    notices.push(
                        "This browser does not let the page keep the design (local storage \
                         is full or switched off): it will be gone when the tab closes"
                            .into(),
                    )
                });
            }
        }
        text
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdplay_sim::{Block, BlockKind};

    fn fallback() -> Design {
        Design {
            name: "default".into(),
            blocks: vec![Block::new("users", BlockKind::Users)],
            links: Vec::new(),
        }
    }

    #[test]
    fn nothing_saved_opens_the_fallback() {
        assert_eq!(restore(None, fallback()).design, fallback());
    }

    #[test]
    fn a_saved_design_opens_even_unfinished() {
        let mut unfinished = fallback();
        unfinished
            .blocks
            .push(Block::new("db", BlockKind::Database));
        unfinished.name = "mine".into();
        assert!(!unfinished.validate().is_empty(), "users link nowhere");
        let restored = restore(Some(&unfinished.to_json()), fallback());
        assert_eq!(restored.design, unfinished);
        assert_eq!(restored.problem, None);
    }

    #[test]
    fn an_unreadable_save_opens_the_fallback_and_says_where_it_is_kept() {
        let restored = restore(Some("{ \"version\": 1, \"blocks\": ["), fallback());
        assert_eq!(restored.design, fallback());
        let problem = restored.problem.expect("a message");
        assert!(problem.contains("could not be read"), "{problem}");
        assert!(problem.contains(UNREADABLE_KEY), "{problem}");
    }
}
