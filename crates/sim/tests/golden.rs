//! Golden reports: every template in `public/templates/` run for 20
//! simulated seconds at a fixed seed gives exactly the report stored in
//! `tests/golden/`. The same test runs natively (`cargo test`) and as wasm
//! in Node (`cargo test --target wasm32-unknown-unknown --test golden`,
//! `scripts/test.sh` stage 4), so a seed gives the same numbers on both.
//!
//! After a change that is meant to move the numbers, rewrite the files
//! natively with `SDPLAY_UPDATE_GOLDEN=1 cargo test -p sdplay-sim --test
//! golden` and read the diff before committing it.

use sdplay_sim::{run, Design, RunOptions, SimTime};

/// A template's file name, its text and its golden report.
struct Case {
    file: &'static str,
    design: &'static str,
    golden: &'static str,
}

macro_rules! case {
    ($name:literal) => {
        Case {
            file: concat!($name, ".json"),
            design: include_str!(concat!("../../../public/templates/", $name, ".json")),
            golden: include_str!(concat!("golden/", $name, ".json")),
        }
    };
}

const CASES: &[Case] = &[
    case!("default"),
    case!("read-replicas"),
    case!("sharding-by-user-range"),
    case!("pool-with"),
    case!("pool-without"),
    case!("cache-aside"),
    case!("write-through"),
    case!("write-behind"),
];

fn report_json(case: &Case) -> String {
    let design =
        Design::from_json(case.design).unwrap_or_else(|error| panic!("{}: {error}", case.file));
    let options = RunOptions {
        duration: SimTime::from_secs(20),
        warmup: SimTime::from_secs(2),
        seed: 42,
    };
    let report = run(&design, options).unwrap_or_else(|error| panic!("{}: {error}", case.file));
    report.to_json() + "\n"
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_template_gives_its_golden_report() {
    let update = cfg!(not(target_arch = "wasm32"))
        && std::env::var_os("SDPLAY_UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut differing = Vec::new();
    for case in CASES {
        let actual = report_json(case);
        if actual == case.golden {
            continue;
        }
        if update {
            let path = format!("{}/tests/golden/{}", env!("CARGO_MANIFEST_DIR"), case.file);
            std::fs::write(&path, &actual).unwrap_or_else(|error| panic!("{path}: {error}"));
        } else {
            let line = first_difference(case.golden, &actual);
            differing.push(format!("{}: {line}", case.file));
        }
    }
    assert!(
        differing.is_empty(),
        "reports differ from tests/golden/ (SDPLAY_UPDATE_GOLDEN=1 rewrites them):\n{}",
        differing.join("\n")
    );
}

/// The first line where `expected` and `actual` differ, both shown.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut actual_lines = actual.lines();
    for (number, want) in expected.lines().enumerate() {
        let got = actual_lines.next().unwrap_or("<end of report>");
        if want != got {
            return format!(
                "line {}: expected `{}`, got `{}`",
                number + 1,
                want.trim(),
                got.trim()
            );
        }
    }
    "the report is longer than the golden one".into()
}

/// Every template listed in the page's menu has a golden report.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_template_in_the_index_is_covered() {
    let index = include_str!("../../../public/templates/index.json");
    let listed: serde_json::Value = serde_json::from_str(index).expect("index.json is JSON");
    let files: Vec<&str> = listed
        .as_array()
        .expect("index.json is an array")
        .iter()
        .filter_map(|entry| entry.get("file")?.as_str())
        .collect();
    let covered: Vec<&str> = CASES.iter().map(|case| case.file).collect();
    assert_eq!(files, covered);
}
