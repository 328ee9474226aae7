//! The wasm front end's exports: the suite and its workloads, for
//! scripts/bench-wasm.cjs, which times each chunk with `performance.now()`
//! (wasm has no clock of its own).

use wasm_bindgen::prelude::wasm_bindgen;

use crate::suite::{Group, Suite};

/// The suite, for JavaScript.
#[wasm_bindgen(js_name = Suite)]
pub struct JsSuite(Suite);

#[wasm_bindgen(js_class = Suite)]
impl JsSuite {
    /// See [`Suite::new`].
    #[wasm_bindgen(constructor)]
    pub fn new(scale: f64) -> JsSuite {
        JsSuite(Suite::new(scale))
    }

    /// The next group, warmed up, or `undefined` when done.
    #[wasm_bindgen(js_name = nextGroup)]
    pub fn next_group(&mut self) -> Option<JsGroup> {
        self.0.next_group().map(JsGroup)
    }

    /// Records `group` once its chunks are run and timed.
    pub fn record(&mut self, group: &JsGroup) {
        self.0.record(&group.0);
    }

    /// The table.
    pub fn render(&self, title: &str) -> String {
        self.0.render(title)
    }
}

/// Workloads that take turns, for JavaScript.
#[wasm_bindgen(js_name = Group)]
pub struct JsGroup(Group);

#[wasm_bindgen(js_class = Group)]
impl JsGroup {
    /// How many workloads take turns.
    pub fn size(&self) -> usize {
        self.0.len()
    }

    /// The table's name for workload `idx`.
    pub fn name(&self, idx: usize) -> String {
        self.0.name(idx).to_string()
    }

    /// How many chunks each workload runs.
    #[wasm_bindgen(js_name = nChunks)]
    pub fn n_chunks(&self) -> u32 {
        self.0.n_chunks()
    }

    /// Timed: one chunk of workload `idx`.
    #[wasm_bindgen(js_name = runChunk)]
    pub fn run_chunk(&mut self, idx: usize) {
        self.0.run_chunk(idx);
    }

    /// Untimed: the chunk of workload `idx` just run took `wall_secs`.
    #[wasm_bindgen(js_name = chunkTook)]
    pub fn chunk_took(&mut self, idx: usize, wall_secs: f64) {
        self.0.chunk_took(idx, wall_secs);
    }
}
