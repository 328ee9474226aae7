//! The worker client. The worker is the only code that steps the
//! simulation; this file turns its snapshots into signals, one update per
//! snapshot, and turns signal changes into commands.

use leptos::prelude::*;
use sdplay_sim::{BlockId, Design};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::protocol::{decode, encode, FromWorker, LiveWindow, Snapshot, ToWorker};
use crate::state::{EditorCtx, RunCtx, HISTORY_SECONDS};
use crate::url::UrlOptions;

/// The worker's loader script (public/): it imports the worker binary's
/// bindings, which Trunk writes beside the page without a hash, and starts
/// its wasm.
const WORKER_URL: &str = "./sdplay-worker-loader.js";

/// Fast runs close many windows a second; the page redraws blocks and
/// charts with them at most this often [ms], so drawing stays smooth.
const REDRAW_EVERY_MS: f64 = 250.0;

/// Sends commands to the worker.
#[derive(Clone, Copy)]
pub struct LiveCtx {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    /// Commands waiting until the worker says it listens.
    waiting: StoredValue<Option<Vec<String>>, LocalStorage>,
    /// Windows received but not yet shown, and when windows were last
    /// shown [ms].
    unshown: StoredValue<(Vec<LiveWindow>, f64), LocalStorage>,
    /// The design the worker runs now.
    sent: StoredValue<Design, LocalStorage>,
}

impl LiveCtx {
    pub fn send(&self, message: &ToWorker) {
        let text = encode(message);
        let queued = self.waiting.try_update_value(|waiting| match waiting {
            Some(queue) => {
                queue.push(text.clone());
                true
            }
            None => false,
        });
        if queued != Some(true) {
            self.worker.with_value(|worker| {
                if let Some(worker) = worker {
                    let _ = worker.post_message(&JsValue::from_str(&text));
                }
            });
        }
    }

    fn flush(&self) {
        let waiting = self.waiting.try_update_value(Option::take).flatten();
        for text in waiting.unwrap_or_default() {
            self.worker.with_value(|worker| {
                if let Some(worker) = worker {
                    let _ = worker.post_message(&JsValue::from_str(&text));
                }
            });
        }
    }

    pub fn step(&self, secs: f64) {
        self.send(&ToWorker::Step { secs });
    }

    pub fn reset(&self, seed: u64) {
        self.send(&ToWorker::Reset { seed });
    }

    /// Starts a fresh run of `design` from time zero (a loaded template),
    /// with the run's seed, speed and play state.
    pub fn restart(&self, design: Design, run: RunCtx) {
        self.send(&ToWorker::Load {
            design: design.to_json(),
            seed: run.seed.get_untracked(),
            speed: run.speed.get_untracked(),
            running: run.running.get_untracked(),
            pause_at_ms: None,
        });
        // The edit that brought the design must not follow as a change to
        // the new run.
        self.sent.set_value(design);
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |perf| perf.now())
}

fn publish(live: LiveCtx, run: RunCtx, snapshot: Snapshot) {
    if snapshot.paused_at_mark {
        run.running.set(false);
    }
    if run.sim_ms.get_untracked() != snapshot.sim_ms {
        run.sim_ms.set(snapshot.sim_ms);
    }
    let achieved = (snapshot.achieved_speed * 100.0).round() / 100.0;
    if run.achieved_speed.get_untracked() != achieved {
        run.achieved_speed.set(achieved);
    }
    run.events_per_sec.set(snapshot.events_per_sec);
    run.events.set(snapshot.events);
    // Windows wait (a quarter second at most) to be shown together, unless
    // the run stopped or started over: then the page shows all at once.
    let now = now_ms();
    let (windows, due) = live
        .unshown
        .try_update_value(|(unshown, shown_at)| {
            // Windows of the run before a reset must not follow it.
            if snapshot.reset {
                unshown.clear();
            }
            unshown.extend(snapshot.windows.into_iter().map(|w| w.into_live()));
            let due = snapshot.reset || !snapshot.running || now - *shown_at >= REDRAW_EVERY_MS;
            if due && (!unshown.is_empty() || snapshot.reset) {
                *shown_at = now;
                (std::mem::take(unshown), true)
            } else {
                (Vec::new(), false)
            }
        })
        .unwrap_or_default();
    if due {
        run.history.update(|history| {
            if snapshot.reset {
                history.clear();
            }
            for window in windows {
                if history.len() == HISTORY_SECONDS {
                    history.pop_front();
                }
                history.push_back(window);
            }
        });
    }
    run.levels.set(
        snapshot
            .levels
            .into_iter()
            .map(|(id, levels)| (BlockId(id), levels))
            .collect(),
    );
}

/// Starts the worker on the design that can run now and keeps it in step
/// with the page until the page closes.
pub fn use_live(editor: EditorCtx, run: RunCtx, options: &UrlOptions) -> LiveCtx {
    let live = LiveCtx {
        worker: StoredValue::new_local(None),
        waiting: StoredValue::new_local(Some(Vec::new())),
        unshown: StoredValue::new_local((Vec::new(), f64::NEG_INFINITY)),
        sent: StoredValue::new_local(Design::default()),
    };
    let worker = match Worker::new(WORKER_URL) {
        Ok(worker) => worker,
        Err(_) => {
            run.notices.update(|notices| {
                notices.push("this browser cannot start the simulation's worker".into())
            });
            return live;
        }
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match decode::<FromWorker>(&text) {
            Ok(FromWorker::Ready) => live.flush(),
            Ok(FromWorker::Snapshot(snapshot)) => publish(live, run, snapshot),
            Ok(FromWorker::Problem(message)) | Err(message) => {
                run.notices.update(|notices| notices.push(message))
            }
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn FnMut()>::new(move || {
        run.notices
            .update(|notices| notices.push("the simulation's worker failed to start".into()))
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    live.worker.set_value(Some(worker));

    let first: Design = editor.runnable.get_untracked().0;
    live.send(&ToWorker::Load {
        design: first.to_json(),
        seed: options.seed,
        speed: options.speed,
        running: run.running.get_untracked(),
        pause_at_ms: options.pause_at.map(|secs| (secs * 1_000.0).round() as u64),
    });

    // Every edit that changes what can run goes to the worker at once.
    live.sent.set_value(first);
    Effect::new(move |_| {
        let design = editor.runnable.with(|(design, _)| design.clone());
        if live.sent.with_value(|sent| *sent != design) {
            live.send(&ToWorker::Apply {
                design: design.to_json(),
            });
            live.sent.set_value(design);
        }
    });
    Effect::new(move |previous: Option<bool>| {
        let running = run.running.get();
        if previous.is_some() {
            live.send(&ToWorker::Run(running));
        }
        running
    });
    Effect::new(move |previous: Option<f64>| {
        let speed = run.speed.get();
        if previous.is_some() {
            live.send(&ToWorker::Speed(speed));
        }
        speed
    });
    live
}
