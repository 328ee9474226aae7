//! Idle: nothing pressed. Tracks what the pointer is over and decides what
//! a press starts.

use super::{Connecting, Effect, Gesture, Panning, Pointer, Pointing, Resizing, Scene};
use crate::canvas::hit::Hit;

pub fn down(scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
    if pointer.button == 1 || scene.space_held {
        return (Gesture::Panning(Panning::new(pointer)), Vec::new());
    }
    if pointer.button != 0 {
        return (Gesture::Idle, Vec::new());
    }
    let hit = scene.hit(pointer.world);
    let gesture = match hit {
        Hit::Port(block, side) => Gesture::Connecting(Connecting::new(scene, block, side, pointer)),
        Hit::ZoneResize(zone) => match Resizing::new(scene, zone, pointer) {
            Some(resizing) => Gesture::Resizing(resizing),
            None => Gesture::Idle,
        },
        target => Gesture::Pointing(Pointing::new(target, pointer)),
    };
    (gesture, Vec::new())
}

pub fn moved(scene: &Scene, pointer: Pointer) -> (Gesture, Vec<Effect>) {
    (Gesture::Idle, vec![Effect::Hover(scene.hit(pointer.world))])
}
