//! Gestures driven as a user would: press, move, release.

use sdplay_sim::{BlockId, BlockKind, Link};

use super::*;
use crate::canvas::geometry::{Point, BLOCK_H, BLOCK_W};
use crate::state::Edit;

/// users at (0, 0), app at (300, 0), db at (600, 0).
fn editor() -> Editor {
    let mut editor = Editor::default();
    for (kind, x) in [
        (BlockKind::Users, 0.0),
        (BlockKind::App, 300.0),
        (BlockKind::Database, 600.0),
    ] {
        editor
            .apply(Edit::AddBlock {
                kind,
                at: Point::new(x, 0.0),
            })
            .unwrap();
    }
    editor.select(Selection::default());
    editor
}

/// Presses at `from`, moves through `path`, releases at the last point;
/// carries the effects out on `editor` and returns them.
fn drag(editor: &mut Editor, from: Pointer, path: &[Pointer]) -> Vec<Effect> {
    let mut all = Vec::new();
    let mut gesture = Gesture::Idle;
    let mut step = |editor: &mut Editor, f: &dyn Fn(Gesture, &Scene) -> Transition| {
        let scene = Scene {
            editor,
            zoom: 1.0,
            space_held: false,
        };
        let (next, effects) = f(std::mem::take(&mut gesture), &scene);
        gesture = next;
        for effect in &effects {
            match effect {
                Effect::Select(selection) => editor.select(selection.clone()),
                Effect::Edit(edit) => editor.apply(edit.clone()).unwrap(),
                _ => {}
            }
        }
        all.extend(effects);
    };
    step(editor, &|g, s| g.down(s, from));
    for point in path {
        step(editor, &|g, s| g.moved(s, *point));
    }
    let last = *path.last().unwrap_or(&from);
    step(editor, &|g, s| g.up(s, last));
    all.retain(|effect| !matches!(effect, Effect::Hover(_)));
    all
}

fn shifted(mut pointer: Pointer) -> Pointer {
    pointer.shift = true;
    pointer
}

#[test]
fn a_click_selects_and_shift_click_adds() {
    let mut editor = editor();
    drag(&mut editor, Pointer::at(320.0, 30.0), &[]);
    assert_eq!(
        editor.selection,
        Selection::of_blocks([BlockId::from("app")])
    );
    drag(&mut editor, shifted(Pointer::at(20.0, 30.0)), &[]);
    assert_eq!(editor.selection.blocks.len(), 2);
    drag(&mut editor, Pointer::at(500.0, 500.0), &[]);
    assert!(editor.selection.is_empty());
}

#[test]
fn a_drag_moves_the_block_once_on_the_grid() {
    let mut editor = editor();
    let effects = drag(
        &mut editor,
        Pointer::at(320.0, 30.0),
        &[Pointer::at(330.0, 35.0), Pointer::at(377.0, 93.0)],
    );
    assert_eq!(
        effects.last(),
        Some(&Effect::Edit(Edit::Move {
            ids: vec!["app".into()],
            dx: 60.0,
            dy: 60.0
        }))
    );
    let app = editor.design.block(&"app".into()).unwrap();
    assert_eq!((app.x, app.y), (360.0, 60.0));
    // One undo step for the whole drag.
    editor.undo();
    assert_eq!(editor.design.block(&"app".into()).unwrap().x, 300.0);
}

#[test]
fn dragging_port_to_block_connects_or_says_why_not() {
    let mut editor = editor();
    let users_out = Pointer::at(BLOCK_W, BLOCK_H / 2.0);
    let effects = drag(&mut editor, users_out, &[Pointer::at(650.0, 40.0)]);
    match effects.as_slice() {
        [Effect::Toast(message)] => {
            assert!(
                message.contains("cannot send requests straight to a database"),
                "{message}"
            )
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(editor.design.links.is_empty());

    drag(&mut editor, users_out, &[Pointer::at(350.0, 40.0)]);
    assert_eq!(editor.design.links, vec![Link::new("users", "app")]);
    // From the database's input port back to the app works too.
    drag(
        &mut editor,
        Pointer::at(600.0, BLOCK_H / 2.0),
        &[Pointer::at(350.0, 40.0)],
    );
    assert_eq!(editor.design.links.last(), Some(&Link::new("app", "db")));
}

#[test]
fn a_rubber_band_selects_what_it_touches() {
    let mut editor = editor();
    drag(
        &mut editor,
        Pointer::at(250.0, -40.0),
        &[Pointer::at(700.0, 20.0)],
    );
    assert_eq!(
        editor.selection,
        Selection::of_blocks([BlockId::from("app"), BlockId::from("db")])
    );
    // Then dragging one of them moves both.
    drag(
        &mut editor,
        Pointer::at(620.0, 30.0),
        &[Pointer::at(620.0, 130.0)],
    );
    let ys: Vec<f64> = editor.design.blocks.iter().map(|b| b.y).collect();
    assert_eq!(ys, [0.0, 100.0, 100.0]);
}

#[test]
fn middle_button_pans() {
    let mut editor = editor();
    let mut press = Pointer::at(10.0, 10.0);
    press.button = 1;
    let mut to = Pointer::at(40.0, 30.0);
    to.button = 1;
    assert_eq!(
        drag(&mut editor, press, &[to]),
        vec![Effect::Pan { dx: 30.0, dy: 20.0 }]
    );
}

#[test]
fn a_drag_from_a_port_that_makes_no_link_says_why() {
    let mut editor = editor();
    let users_out = Pointer::at(BLOCK_W, BLOCK_H / 2.0);
    let effects = drag(&mut editor, users_out, &[Pointer::at(250.0, 300.0)]);
    assert_eq!(
        effects,
        vec![Effect::Toast(connecting::DROPPED_ON_NOTHING.into())]
    );
    let effects = drag(&mut editor, users_out, &[Pointer::at(60.0, 40.0)]);
    assert_eq!(
        effects,
        vec![Effect::Toast(connecting::DROPPED_ON_ITSELF.into())]
    );
    assert!(editor.design.links.is_empty());
}

#[test]
fn a_tap_on_a_port_selects_its_block() {
    let mut editor = editor();
    let app_in = Pointer::at(301.0, BLOCK_H / 2.0);
    let effects = drag(&mut editor, app_in, &[Pointer::at(302.0, BLOCK_H / 2.0)]);
    assert_eq!(
        effects,
        vec![Effect::Select(Selection::of_blocks([BlockId::from("app")]))]
    );
    assert!(editor.design.links.is_empty());
}
