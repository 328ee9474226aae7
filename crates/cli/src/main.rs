//! `sdplay`: runs design files headless and prints a report.
//!
//! Exit codes: 0 the run completed, 2 the run could not start (bad
//! arguments, unreadable or invalid design). 1 is reserved for a missed
//! target, for verbs that have one. A reader that stops early (`| head`)
//! is not an error.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use sdplay_sim::{run, Design, RunOptions, SimTime};

/// The longest run the CLI accepts [s]: about a day.
const MAX_SECONDS: f64 = 86_400.0;
/// The shortest measured span [s]: one window, so that requests issued in
/// it have time to end in it.
const MIN_DURATION: f64 = 1.0;

#[derive(Parser)]
#[command(
    name = "sdplay",
    version,
    about = "Simulate system designs headless",
    after_help = "Exit codes: 0 ok, 1 a target was missed (verbs with targets), 2 could not run."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a design file and print its report.
    #[command(allow_negative_numbers = true)]
    Run {
        /// The design file (JSON; public/templates/ holds examples).
        file: PathBuf,
        /// Simulated seconds to measure, after the warm-up (1 to 86400).
        #[arg(long, default_value_t = 60.0, value_parser = duration)]
        duration: f64,
        /// Simulated seconds to run before measuring (0 to 86400).
        #[arg(long, default_value_t = 5.0, value_parser = warmup)]
        warmup: f64,
        /// Seed of every random stream; the same seed gives the same report.
        #[arg(long, default_value_t = 1, value_parser = seed)]
        seed: u64,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn duration(text: &str) -> Result<f64, String> {
    seconds(text, MIN_DURATION)
}

fn warmup(text: &str) -> Result<f64, String> {
    seconds(text, 0.0)
}

fn seconds(text: &str, min: f64) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a number of seconds"))?;
    if value.is_finite() && (min..=MAX_SECONDS).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{text} is out of range (expected {min} to {MAX_SECONDS} seconds)"
        ))
    }
}

fn seed(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| {
        format!(
            "'{text}' is not a seed (expected a whole number from 0 to {})",
            u64::MAX
        )
    })
}

fn load(file: &PathBuf) -> Result<Design> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read the file", file.display()))?;
    Design::from_json(&text).map_err(|error| {
        let lines: Vec<String> = error
            .problems
            .iter()
            .map(|problem| format!("{}: {problem}", file.display()))
            .collect();
        anyhow::anyhow!(lines.join("\n"))
    })
}

/// Writes `text` to standard output. A closed pipe means the reader has
/// what it wanted: that is a success, not an error (nor a panic, as
/// `print!` would make it).
fn print_out(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write the report")
        }
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run {
            file,
            duration,
            warmup,
            seed,
            json,
        } => load(&file).and_then(|design| {
            let options = RunOptions {
                duration: SimTime::from_secs_f64(duration),
                warmup: SimTime::from_secs_f64(warmup),
                seed,
            };
            let report = run(&design, options).map_err(|error| anyhow::anyhow!("{error}"))?;
            let text = if json {
                report.to_json() + "\n"
            } else {
                report.to_string()
            };
            print_out(&text)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            for line in format!("{error:#}").lines() {
                eprintln!("sdplay: {line}");
            }
            ExitCode::from(2)
        }
    }
}
