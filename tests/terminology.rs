//! The terminology table end to end: `[[terminology]]` entries of a content repository's
//! mtlint.toml become `terminology/<slug>` rules of the real binary (listed, explained,
//! reported with their exceptions), a bad entry is a usage error with its position, and the
//! built-in `[[term]]` table of rules/names.toml behaves as a table (one rule per term).

use assert_cmd::Command;
use serde_json::Value;

fn mtlint(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn jsonl(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const CONFIG: &str = r#"
[grammar]
mode = "off"

[[terminology]]
preferred = "drone"
variants = ["unmanned aerial vehicle", "UAV"]
note = "style guide 4.2"
exceptions = ["UAV Act"]

[[terminology]]
preferred = "Kyiv Pechersk Lavra"
variants = ["Kiev Pechersk Lavra"]
"#;

#[test]
fn config_terms_are_rules_of_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), CONFIG).unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "A UAV crashed. The UAV Act passed. Unmanned aerial vehicle flights rose.\n",
    )
    .unwrap();
    let out = mtlint(dir.path(), &["check", "--format", "jsonl", "a.txt"]);
    let diags: Vec<_> = jsonl(&out)
        .into_iter()
        .filter(|d| d["rule"] == "terminology/drone")
        .map(|d| {
            (
                d["start"].as_u64().unwrap(),
                d["end"].as_u64().unwrap(),
                d["suggestions"][0].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert_eq!(
        (diags[0].0, diags[0].1, diags[0].2.as_str()),
        (2, 5, "drone")
    );
    assert!(
        diags[0].3.contains("prefers “drone”") && diags[0].3.contains("style guide 4.2"),
        "{}",
        diags[0].3
    );
    // the exception "UAV Act" is not flagged; the sentence-initial variant is capitalised
    assert_eq!((diags[1].0, diags[1].2.as_str()), (35, "Drone"));

    // listed and explained like any rule, with the config file as origin
    let out = mtlint(dir.path(), &["rules"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("terminology/drone"), "{listing}");
    assert!(
        listing.contains("terminology/kyiv-pechersk-lavra"),
        "{listing}"
    );
    let out = mtlint(dir.path(), &["explain", "terminology/drone"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("UAV Act") && text.contains("mtlint.toml"),
        "{text}"
    );

    // and can be disabled by id
    std::fs::write(
        dir.path().join("mtlint.toml"),
        format!("[rules]\ndisable = [\"terminology/drone\"]\n{CONFIG}"),
    )
    .unwrap();
    let out = mtlint(dir.path(), &["check", "--format", "jsonl", "a.txt"]);
    assert!(jsonl(&out).iter().all(|d| d["rule"] != "terminology/drone"));
}

#[test]
fn a_bad_config_term_is_a_usage_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[[terminology]]\npreferred = \"drone\"\nvariants = [\"UAV\"]\nexceptions = [\"UAS Act\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "A UAV.\n").unwrap();
    let out = mtlint(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mtlint.toml:4:15") && err.contains("none of the variants"),
        "{err}"
    );
}

#[test]
fn the_builtin_table_is_one_rule_per_term_with_exceptions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Shares rose in Bombay. The Bombay High Court sat. Bombay (now Mumbai) grew. \
         Odessa, Texas is dry. Ships left Odessa. We ate chicken Kiev in Kiev.\n",
    )
    .unwrap();
    let out = mtlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--grammar",
            "off",
            "--format",
            "jsonl",
            "a.txt",
        ],
    );
    let got: Vec<(String, String)> = jsonl(&out)
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("names/"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["suggestions"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("names/mumbai".to_string(), "Mumbai".to_string()),
            ("names/odesa".to_string(), "Odesa".to_string()),
            ("names/kiev".to_string(), "Kyiv".to_string()),
        ]
    );
}

#[test]
fn placeholders_in_square_brackets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Dear [NAME], see [NAME_1] and [UNK] here. A source [citation needed] and [sic] stay.\n",
    )
    .unwrap();
    let out = mtlint(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--grammar",
            "off",
            "--format",
            "jsonl",
            "a.txt",
        ],
    );
    let got: Vec<(String, u64, u64)> = jsonl(&out)
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("leftover/"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["start"].as_u64().unwrap(),
                d["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("leftover/anonymisation-placeholder".to_string(), 5, 11),
            ("leftover/anonymisation-placeholder".to_string(), 17, 25),
            ("leftover/mt-special-token".to_string(), 30, 35),
        ]
    );
}
