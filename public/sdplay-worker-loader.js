// Starts the simulation's Web Worker: loads the wasm-bindgen glue of the
// `sdplay-worker` binary (Trunk names a worker's files after its binary,
// without a hash) and instantiates its wasm, which then runs `main`.
// Paths are relative to this script, so the site works under any path.
importScripts('./sdplay-worker.js');
wasm_bindgen({ module_or_path: './sdplay-worker_bg.wasm' });
