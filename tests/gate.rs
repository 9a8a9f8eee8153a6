//! Pull-request gating on a temporary git repository: `--changed-since`, baselines, the penalty
//! gate and sharding, through the real binary.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn git(dir: &Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

struct Run {
    code: i32,
    diags: Vec<Value>,
    err: String,
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let o = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args([
            "check",
            "--grammar",
            "off",
            "--no-cache",
            "--format",
            "jsonl",
        ])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: o.status.code().unwrap(),
        diags: String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// (path, line, rule) of each finding.
fn found(r: &Run) -> Vec<(String, u64, String)> {
    r.diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const RW: &str = "repetition/repeated-word";

#[test]
fn changed_since_checks_changed_files_and_lines_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("mtlint.toml"), "").unwrap();
    std::fs::write(
        d.join("a.md"),
        "# A\n\nOld paragraph with the the error.\n\nSecond paragraph is fine.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("b.md"),
        "Moved file with a a slip.\n\nAnother line.\n",
    )
    .unwrap();
    std::fs::write(d.join("untouched.md"), "Untouched with the the error.\n").unwrap();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);

    // A new error in a.md; b.md renamed to c.md with one new line; an untracked new file.
    std::fs::write(
        d.join("a.md"),
        "# A\n\nOld paragraph with the the error.\n\nSecond paragraph is is new.\n",
    )
    .unwrap();
    git(d, &["mv", "b.md", "c.md"]);
    std::fs::write(
        d.join("c.md"),
        "Moved file with a a slip.\n\nAnother line.\n\nAdded with the the slip.\n",
    )
    .unwrap();
    std::fs::write(d.join("new.md"), "All new with the the slip.\n").unwrap();

    let r = check(d, &["--changed-since", "main"]);
    let mut got = found(&r);
    got.sort();
    assert_eq!(
        got,
        [
            ("a.md".to_string(), 5, RW.to_string()),
            ("c.md".to_string(), 5, RW.to_string()),
            ("new.md".to_string(), 1, RW.to_string()),
        ],
        "{}",
        r.err
    );
    assert_eq!(r.code, 1);
    // With paths: only the changed files among them.
    let r = check(d, &["--changed-since", "main", "a.md", "untouched.md"]);
    assert_eq!(found(&r), [("a.md".to_string(), 5, RW.to_string())]);
    // A revision that does not exist is a usage error.
    let r = check(d, &["--changed-since", "no-such-rev"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no-such-rev"), "{}", r.err);
}

#[test]
fn baselines_hide_old_findings_and_fixed_ones_do_not_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "We saw the the cat.\n\nThe price price rose.\n";
    std::fs::write(d.join("a.md"), text).unwrap();
    let r = check(d, &["--write-baseline", "base.json"]);
    assert_eq!(r.diags.len(), 2);
    assert!(r.err.contains("wrote 2 findings to base.json"), "{}", r.err);
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("base.json")).unwrap()).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["findings"][0]["path"], "a.md");

    // An edit elsewhere: the old findings stay hidden (they moved two lines down).
    std::fs::write(d.join("a.md"), format!("A new opening line.\n\n{text}")).unwrap();
    let r = check(d, &["--baseline", "base.json"]);
    assert!(r.diags.is_empty(), "{:?}", found(&r));
    assert_eq!(r.code, 0);
    // A new finding is reported.
    std::fs::write(
        d.join("a.md"),
        format!("A new opening line.\n\n{text}\nA fresh fresh slip.\n"),
    )
    .unwrap();
    let r = check(d, &["--baseline", "base.json"]);
    assert_eq!(found(&r), [("a.md".to_string(), 7, RW.to_string())]);
    assert_eq!(r.code, 1);

    // Fixing an old finding and writing the baseline again drops it...
    std::fs::write(d.join("a.md"), "We saw the cat.\n\nThe price price rose.\n").unwrap();
    let r = check(
        d,
        &["--baseline", "base.json", "--write-baseline", "base.json"],
    );
    assert!(r.err.contains("wrote 1 finding to base.json"), "{}", r.err);
    // ... so that re-introducing it counts as new.
    std::fs::write(d.join("a.md"), text).unwrap();
    let r = check(d, &["--baseline", "base.json"]);
    assert_eq!(found(&r), [("a.md".to_string(), 1, RW.to_string())]);

    // A broken baseline is a usage error with its position.
    std::fs::write(d.join("bad.json"), "{\"version\": 1, \"findings\": [}").unwrap();
    let r = check(d, &["--baseline", "bad.json"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("bad.json:1:"), "{}", r.err);
}

#[test]
fn the_penalty_gate_scores_files_per_thousand_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 2 warnings in 40 words: 50 per 1,000 words.
    let filler = "Our team wrote this report in March. It covers sales, costs and staff. \
                  Most figures come from the annual accounts. They were checked twice by two auditors. ";
    std::fs::write(
        d.join("a.txt"),
        format!("{filler}We saw the the cat and the price price rose sharply in April.\n"),
    )
    .unwrap();
    let words = std::fs::read_to_string(d.join("a.txt"))
        .unwrap()
        .split_whitespace()
        .count();
    assert_eq!(words, 40);
    std::fs::write(
        d.join("clean.txt"),
        "A clean file with nothing wrong in it at all.\n",
    )
    .unwrap();
    let r = check(d, &["--max-penalty", "30"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("penalty: a.txt: 50.0 per 1,000 words"),
        "{}",
        r.err
    );
    assert!(!r.err.contains("clean.txt"), "{}", r.err);
    assert!(r.err.contains("1 file over the penalty limit"), "{}", r.err);
    assert_eq!(check(d, &["--max-penalty", "60"]).code, 0);
    // Weights come from mtlint.toml.
    std::fs::write(d.join("mtlint.toml"), "[penalty]\nwarning = 0.5\n").unwrap();
    let r = check(d, &["--max-penalty", "30"]);
    assert_eq!(r.code, 0, "{}", r.err);
}

#[test]
fn shards_split_the_files_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("docs")).unwrap();
    let mut all = BTreeSet::new();
    for i in 0..24 {
        let name = format!("docs/f{i:02}.md");
        std::fs::write(d.join(&name), "The the end.\n").unwrap();
        all.insert(name);
    }
    let mut seen = BTreeSet::new();
    for k in 1..=4 {
        let r = check(d, &["--shard", &format!("{k}/4")]);
        for (path, _, _) in found(&r) {
            assert!(seen.insert(path.clone()), "{path} in two shards");
        }
    }
    assert_eq!(seen, all);
    let r = check(d, &["--shard", "5/4"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("--shard"), "{}", r.err);
}
