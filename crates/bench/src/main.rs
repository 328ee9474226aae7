//! `sdplay-bench`: the native front end. Runs the suite, timing each
//! workload's chunks with the wall clock, and prints the table.
//!
//! ```text
//! sdplay-bench [--scale X] [--label TEXT] [--print-chain]
//! ```

use std::process::ExitCode;
use std::time::Instant;

use sdplay_bench::{Chain, Suite};

const USAGE: &str = "usage: sdplay-bench [--scale X] [--label TEXT] [--print-chain]
  --scale X       timed spans are X times the standard ones (default 1: a few
                  wall seconds per workload)
  --label TEXT    the table's title line
  --print-chain   print the reference chain's design file and exit";

fn main() -> ExitCode {
    let mut scale = 1.0;
    let mut label = String::from("native");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--scale", Some(value)) => match value.parse::<f64>() {
                Ok(value) if value > 0.0 => scale = value,
                _ => return usage(&format!("--scale: '{value}' is not a positive number")),
            },
            ("--label", Some(value)) => label = value,
            ("--print-chain", _) => {
                println!("{}", Chain::default().to_json());
                return ExitCode::SUCCESS;
            }
            ("-h" | "--help", _) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => return usage(&format!("unexpected argument '{arg}'")),
        }
    }
    if cfg!(debug_assertions) {
        label.push_str(" (DEBUG BUILD: the figures mean nothing; use --release)");
    }

    let mut suite = Suite::new(scale);
    while let Some(mut group) = suite.next_group() {
        let names: Vec<&str> = (0..group.len()).map(|idx| group.name(idx)).collect();
        eprintln!("sdplay-bench: {}", names.join(" | "));
        for _ in 0..group.n_chunks() {
            for idx in 0..group.len() {
                let wall_secs = time(|| group.run_chunk(idx));
                group.chunk_took(idx, wall_secs);
            }
        }
        suite.record(&group);
    }
    print!("{}", suite.render(&label));
    ExitCode::SUCCESS
}

/// Wall seconds `f` takes.
// The core must never read a clock (clippy.toml); a benchmark must.
#[allow(clippy::disallowed_methods)]
fn time(f: impl FnOnce()) -> f64 {
    let started = Instant::now();
    f();
    started.elapsed().as_secs_f64()
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("sdplay-bench: {problem}\n{USAGE}");
    ExitCode::from(2)
}
