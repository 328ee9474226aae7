//! The `sdplay` binary as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn sdplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sdplay"))
        .args(args)
        .output()
        .expect("sdplay starts")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdplay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

#[test]
fn runs_the_default_template_as_a_table() {
    let default = repo_file("public/templates/default.json");
    let output = sdplay(&[
        "run",
        default.to_str().expect("utf-8 path"),
        "--duration",
        "10",
        "--warmup",
        "1",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("10 s measured after 1 s of warm-up, seed 1"),
        "{text}"
    );
    assert!(text.contains("\nbottleneck: db "), "{text}");
}

#[test]
fn json_reports_have_the_documented_fields() {
    let default = repo_file("public/templates/default.json");
    let output = sdplay(&[
        "run",
        default.to_str().expect("utf-8 path"),
        "--duration",
        "5",
        "--seed",
        "7",
        "--json",
    ]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(report["duration_s"], 5.0);
    assert_eq!(report["warmup_s"], 5.0);
    assert_eq!(report["seed"], 7);
    for field in ["offered_rps", "throughput_rps", "error_rate", "errors"] {
        assert!(report["summary"].get(field).is_some(), "summary.{field}");
    }
    for field in ["mean", "p50", "p95", "p99", "max"] {
        assert!(
            report["summary"]["latency_ms"][field].is_number(),
            "latency_ms.{field}"
        );
    }
    let app = &report["blocks"]["app"];
    assert_eq!(app["kind"], "app");
    for field in [
        "arrivals_rps",
        "throughput_rps",
        "utilization",
        "service_utilization",
        "mean_queue",
        "mean_in_system",
        "latency_ms",
        "errors",
    ] {
        assert!(app.get(field).is_some(), "blocks.app.{field}");
    }
}

#[test]
fn a_bad_design_names_the_file_and_the_place_and_exits_2() {
    let path = temp_file(
        "bad.json",
        r#"{ "version": 1, "blocks": [ { "id": "users", "kind": "users" }, { "id": "c", "kind": "cach" } ],
            "links": [ { "from": "users", "to": "c" } ] }"#,
    );
    let output = sdplay(&["run", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "sdplay: {}: blocks[1].kind: unknown block kind 'cach' (expected one of: users, cdn, gateway, load_balancer, app, cache, database, zone)",
        path.display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn broken_json_gives_line_and_column() {
    let path = temp_file(
        "broken.json",
        "{ \"version\": 1,\n  \"blocks\": [\n    { \"id\": \"u\" \"kind\": \"users\" } ] }",
    );
    let output = sdplay(&["run", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 3 column"), "{stderr}");
}

#[test]
fn a_missing_file_and_bad_arguments_exit_2() {
    let output = sdplay(&["run", "/no/such/design.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("/no/such/design.json: cannot read the file"));

    let default = repo_file("public/templates/default.json");
    let output = sdplay(&[
        "run",
        default.to_str().expect("utf-8 path"),
        "--duration",
        "-3",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("-3 is out of range (expected 1 to 86400 seconds)"),
        "{stderr}"
    );

    for (flag, value, message) in [
        (
            "--duration",
            "0",
            "0 is out of range (expected 1 to 86400 seconds)",
        ),
        (
            "--warmup",
            "-1",
            "-1 is out of range (expected 0 to 86400 seconds)",
        ),
        (
            "--seed",
            "-1",
            "'-1' is not a seed (expected a whole number",
        ),
    ] {
        let output = sdplay(&["run", default.to_str().expect("utf-8 path"), flag, value]);
        assert_eq!(output.status.code(), Some(2), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{flag} {value}: {stderr}");
    }
}

#[test]
fn json_of_another_shape_says_what_a_design_file_is() {
    for (name, text, message) in [
        ("array.json", "[]", "a design file is a JSON object"),
        (
            "empty.json",
            "",
            "not valid JSON: EOF while parsing a value at line 1 column 0",
        ),
        (
            "version.json",
            r#"{ "version": "1" }"#,
            r#"version: "1" is not a version (expected the number 1)"#,
        ),
        (
            "type.json",
            r#"{ "version": 1, "blocks": [ { "id": "a", "kind": "app", "params": { "capacity": { "instances": "two" } } } ] }"#,
            r#"blocks[0].params.capacity.instances: invalid type: string "two", expected a whole number"#,
        ),
    ] {
        let path = temp_file(name, text);
        let output = sdplay(&["run", path.to_str().expect("utf-8 path")]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = format!("sdplay: {}: {message}", path.display());
        assert!(stderr.starts_with(&expected), "{name}: {stderr}");
    }
}

/// `sdplay run ... | head` closes the pipe early; that is a success, not a
/// panic with exit code 101.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::process::Stdio;

    // The reading end closes before the run (tenths of a second) is over,
    // so the report's first write meets a closed pipe.
    let default = repo_file("public/templates/default.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sdplay"))
        .args([
            "run",
            default.to_str().expect("utf-8 path"),
            "--duration",
            "30",
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sdplay starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("sdplay ends");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn runs_every_template() {
    let dir = repo_file("public/templates");
    let mut ran = 0;
    for entry in std::fs::read_dir(&dir).expect("templates folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "json") && !path.ends_with("index.json") {
            let output = sdplay(&[
                "run",
                path.to_str().expect("utf-8 path"),
                "--duration",
                "5",
                "--json",
            ]);
            assert!(
                output.status.success(),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 8, "ran {ran} templates");
}
