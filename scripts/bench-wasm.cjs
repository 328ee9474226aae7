#!/usr/bin/env node
// The benchmark's wasm front end: runs the suite from crates/bench compiled
// to wasm32 (wasm-bindgen --target nodejs) and times each chunk with
// performance.now(), since wasm has no clock. scripts/bench.sh builds the
// package and calls this.
//
//     node scripts/bench-wasm.cjs PKG_DIR [--scale X] [--label TEXT]
"use strict";

const path = require("node:path");
const { performance } = require("node:perf_hooks");

function main(argv) {
  const [pkgDir, ...rest] = argv;
  if (!pkgDir) {
    console.error("usage: node scripts/bench-wasm.cjs PKG_DIR [--scale X] [--label TEXT]");
    return 2;
  }
  let scale = 1;
  let label = "wasm";
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === "--scale" && Number(value) > 0) scale = Number(value);
    else if (flag === "--label" && value !== undefined) label = value;
    else {
      console.error(`bench-wasm: unexpected argument '${flag}'`);
      return 2;
    }
  }

  const { Suite } = require(path.resolve(pkgDir, "sdplay_bench.js"));
  const suite = new Suite(scale);
  for (;;) {
    const group = suite.nextGroup(); // warmed up
    if (group === undefined) break;
    const size = group.size();
    const names = Array.from({ length: size }, (_, idx) => group.name(idx));
    console.error(`bench-wasm: ${names.join(" | ")}`);
    const chunks = group.nChunks();
    for (let chunk = 0; chunk < chunks; chunk++) {
      for (let idx = 0; idx < size; idx++) {
        const started = performance.now();
        group.runChunk(idx);
        const wallMs = performance.now() - started;
        group.chunkTook(idx, wallMs / 1000);
      }
    }
    suite.record(group);
    group.free();
  }
  process.stdout.write(suite.render(`${label}, Node ${process.versions.node}`));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
