//! The Web Worker's glue: receives commands from the page, ticks the
//! [`Runner`] on a timer, and posts snapshots back. Drawing never waits for
//! the simulation, since it runs on this thread and not the page's.
//!
//! Between ticks the worker yields so that commands get through: through a
//! `MessageChannel` when work is left (a zero `setTimeout` would be clamped
//! to 4 ms), through `setTimeout` when the run is caught up or paused.

mod runner;

use std::cell::RefCell;
use std::rc::Rc;

use sdplay_sim::Design;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

pub use runner::{Next, Runner};

use crate::protocol::{decode, encode, FromWorker, ToWorker};

struct Loop {
    runner: Runner,
    /// A timer is set for the next tick.
    timer: Option<i32>,
    /// A message to ourselves is on its way for the next tick.
    queued: bool,
}

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    channel: MessageChannel,
    state: RefCell<Loop>,
    tick: RefCell<Option<Closure<dyn FnMut()>>>,
}

impl Worker {
    fn now(&self) -> f64 {
        self.scope.performance().map_or(0.0, |perf| perf.now())
    }

    fn post(&self, message: &FromWorker) {
        let _ = self
            .scope
            .post_message(&JsValue::from_str(&encode(message)));
    }

    fn schedule(&self, next: Next) {
        let mut state = self.state.borrow_mut();
        if state.queued {
            return;
        }
        match next {
            Next::Now => {
                if let Some(timer) = state.timer.take() {
                    self.scope.clear_timeout_with_handle(timer);
                }
                state.queued = true;
                let _ = self.channel.port2().post_message(&JsValue::NULL);
            }
            Next::After(ms) => {
                if state.timer.is_none() {
                    if let Some(tick) = self.tick.borrow().as_ref() {
                        state.timer = self
                            .scope
                            .set_timeout_with_callback_and_timeout_and_arguments_0(
                                tick.as_ref().unchecked_ref(),
                                ms.ceil() as i32,
                            )
                            .ok();
                    }
                }
            }
        }
    }

    fn tick(&self) {
        let (snapshot, next) = {
            let mut state = self.state.borrow_mut();
            state.queued = false;
            state.timer = None;
            let now = self.now();
            let clock = || self.now();
            state.runner.tick(now, &clock)
        };
        if let Some(snapshot) = snapshot {
            self.post(&FromWorker::Snapshot(snapshot));
        }
        self.schedule(next);
    }

    fn receive(&self, text: &str) {
        let reply = match decode::<ToWorker>(text) {
            Ok(message) => self.state.borrow_mut().runner.handle(message),
            Err(error) => Some(FromWorker::Problem(error)),
        };
        if let Some(reply) = reply {
            self.post(&reply);
        }
        self.schedule(Next::Now);
    }
}

/// Starts the worker: called by the `sdplay-worker` binary's `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let runner = Runner::new(&Design::default(), 1).expect("an empty design runs");
    let worker = Rc::new(Worker {
        scope,
        channel,
        state: RefCell::new(Loop {
            runner,
            timer: None,
            queued: false,
        }),
        tick: RefCell::new(None),
    });

    let ticking = Rc::clone(&worker);
    let tick = Closure::<dyn FnMut()>::new(move || ticking.tick());
    worker
        .channel
        .port1()
        .set_onmessage(Some(tick.as_ref().unchecked_ref()));
    *worker.tick.borrow_mut() = Some(tick);

    let receiving = Rc::clone(&worker);
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(text) = event.data().as_string() {
            receiving.receive(&text);
        }
    });
    worker
        .scope
        .set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();

    // Messages sent before this point were dropped: say we are listening.
    worker.post(&FromWorker::Ready);
    worker.schedule(Next::After(runner::IDLE_TICK_MS));
    // The worker lives as long as the page.
    std::mem::forget(worker);
}
