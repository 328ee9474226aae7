//! The same design and seed give the same report, byte for byte.

use sdplay_sim::{run, Design, RunOptions, SimTime};

fn default_design() -> Design {
    let text = include_str!("../../../../public/templates/default.json");
    Design::from_json(text).expect("the default template is valid")
}

fn report_json(seed: u64) -> String {
    let options = RunOptions {
        duration: SimTime::from_secs(30),
        warmup: SimTime::from_secs(2),
        seed,
    };
    run(&default_design(), options)
        .expect("the default template runs")
        .to_json()
}

#[test]
fn the_same_seed_gives_a_byte_identical_report() {
    assert_eq!(report_json(7), report_json(7));
}

#[test]
fn another_seed_gives_another_report() {
    assert_ne!(report_json(7), report_json(8));
}
