//! The real `mtlint` binary on the fixtures: output snapshots, span invariants,
//! bad inputs and exit statuses, stdin, --fix and --diff.
//!
//! Snapshots (tests/snapshots/cli__*.snap) change whenever rules are added or
//! changed. Review and accept them with `INSTA_UPDATE=always cargo test --test cli`
//! (or `cargo insta test --accept` where cargo-insta is installed), then look at
//! `git diff tests/snapshots`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every fixture, in sorted order (fixtures/seed-article.txt included).
const FIXTURES: [&str; 8] = [
    "fixtures/bom.txt",
    "fixtures/clean.txt",
    "fixtures/crlf.txt",
    "fixtures/markdown-article.md",
    "fixtures/seed-article.txt",
    "fixtures/suppress.md",
    "fixtures/suppress.txt",
    "fixtures/unicode-traps.txt",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `mtlint check` run from the repository root, independent of any mtlint.toml
/// and of the grammar engine's data (so snapshots are the same everywhere).
fn check(args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.current_dir(root())
        .env_remove("NO_COLOR")
        .args(["check", "--no-config", "--grammar", "off"])
        .args(args);
    c
}

struct Out {
    code: i32,
    out: String,
    err: String,
}

fn run(args: &[&str]) -> Out {
    run_cmd(check(args))
}

fn run_cmd(mut c: Command) -> Out {
    let o = c.output().unwrap();
    Out {
        code: o.status.code().unwrap(),
        out: String::from_utf8(o.stdout).unwrap(),
        err: String::from_utf8(o.stderr).unwrap(),
    }
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn human_and_jsonl_snapshots_of_every_fixture() {
    for f in FIXTURES {
        let name = Path::new(f)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('.', "_");
        let h = run(&["--color", "never", f]);
        assert!(h.code == 0 || h.code == 1, "{f}: {}", h.err);
        insta::assert_snapshot!(
            format!("human_{name}"),
            format!(
                "exit: {}\n--- stdout\n{}--- stderr\n{}",
                h.code, h.out, h.err
            )
        );
        let j = run(&["--format", "jsonl", f]);
        assert_eq!(
            j.code, h.code,
            "{f}: the format does not change the exit status"
        );
        assert_eq!(j.err, "", "{f}: jsonl writes nothing to stderr");
        insta::assert_snapshot!(format!("jsonl_{name}"), j.out);
    }
}

/// Line and column (1-based, columns in chars) of a byte offset, computed independently.
fn line_col(text: &str, off: usize) -> (u64, u64) {
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, text[start..off].chars().count() as u64 + 1)
}

#[test]
fn every_jsonl_span_slices_the_original_file() {
    let r = run(&[&["--format", "jsonl"][..], &FIXTURES[..]].concat());
    for d in jsonl(&r.out) {
        let path = d["path"].as_str().unwrap();
        let text = std::fs::read_to_string(root().join(path)).unwrap();
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= text.len(), "{d}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{d}");
        assert_eq!(
            line_col(&text, s),
            (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()),
            "{d}"
        );
        assert_eq!(
            line_col(&text, e),
            (
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap()
            ),
            "{d}"
        );
        for k in ["rule", "category", "severity", "message"] {
            assert!(d[k].as_str().is_some_and(|v| !v.is_empty()), "{k} in {d}");
        }
        assert!(d["suggestions"].is_array());
    }
}

/// Known errors: when a diagnostic of this category overlaps the occurrence, its
/// span must be exactly one of these strings, give or take surrounding spaces
/// (not a word more or less).
/// (file, text before the error or "", accepted spans, category)
const KNOWN: &[(&str, &str, &[&str], &str)] = &[
    (
        "fixtures/seed-article.txt",
        "pay a high ",
        &["price price", "price"],
        "repetition",
    ),
    (
        "fixtures/seed-article.txt",
        "necessary on ",
        &["son territory", "son"],
        "mt-calque",
    ),
    (
        "fixtures/seed-article.txt",
        "exercises with ",
        &["son ally", "son"],
        "mt-calque",
    ),
    (
        "fixtures/seed-article.txt",
        "as a cover for ",
        &["a invasion", "a"],
        "grammar",
    ),
    (
        "fixtures/crlf.txt",
        "exercises with ",
        &["son ally", "son"],
        "mt-calque",
    ),
    (
        "fixtures/crlf.txt",
        "a high ",
        &["price price", "price"],
        "repetition",
    ),
    (
        "fixtures/bom.txt",
        "necessary on ",
        &["son territory", "son"],
        "mt-calque",
    ),
    (
        "fixtures/markdown-article.md",
        "pay a high\n",
        &["price price", "price"],
        "repetition",
    ),
    (
        "fixtures/markdown-article.md",
        "deploy forces on\n",
        &["son territory", "son"],
        "mt-calque",
    ),
    (
        "fixtures/unicode-traps.txt",
        "the talks",
        &["\u{200b}"],
        "unicode",
    ),
    (
        "fixtures/unicode-traps.txt",
        "the minis",
        &["\u{ad}"],
        "unicode",
    ),
];

#[test]
fn known_errors_have_exact_spans_when_flagged() {
    let r = run(&[&["--format", "jsonl"][..], &FIXTURES[..]].concat());
    let diags = jsonl(&r.out);
    for (file, before, accepted, category) in KNOWN {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let at = text
            .find(before)
            .unwrap_or_else(|| panic!("{before:?} not in {file}"))
            + before.len();
        let longest = accepted.iter().map(|a| a.len()).max().unwrap();
        assert!(
            accepted.iter().any(|a| text[at..].starts_with(a)),
            "{file}: fixture changed?"
        );
        for d in &diags {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            // Other diagnostics, and long spans (a repeated paragraph or block), are not about this error.
            if d["path"] != *file
                || d["category"] != *category
                || e <= at
                || s >= at + longest
                || e - s > 3 * longest
            {
                continue;
            }
            // Spaces around may belong to the span (" price" removes the repeat).
            assert!(
                accepted.contains(&text[s..e].trim()),
                "{file}: span {:?} for {d}",
                &text[s..e]
            );
        }
    }
}

#[test]
fn markdown_code_html_urls_and_front_matter_are_never_flagged() {
    let f = "fixtures/markdown-article.md";
    let text = std::fs::read_to_string(root().join(f)).unwrap();
    let region = |from: &str, to: &str| {
        let s = text.find(from).unwrap_or_else(|| panic!("{from:?}"));
        let e = text[s..].find(to).unwrap_or_else(|| panic!("{to:?}")) + s + to.len();
        s..e
    };
    let forbidden = [
        region("---\n", "---\n\n#"),
        region("(https://example.com", ")"),
        region("<https://example.org", ">"),
        region("[brief]: ", "\"\n"),
        region("<div", "</div>"),
        region("`son territory`", "`a invasion`"),
        region("```text", "```\n\n"),
        region("    Indented code", "others former."),
    ];
    let r = run(&["--format", "jsonl", f]);
    for d in jsonl(&r.out) {
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        for reg in &forbidden {
            assert!(
                e <= reg.start || s >= reg.end,
                "{d} inside {:?}",
                &text[reg.clone()]
            );
        }
    }
}

#[test]
fn json_document_lists_every_file_sorted_with_a_summary() {
    let mut reversed = FIXTURES;
    reversed.reverse();
    let r = run(&[&["--format", "json"][..], &reversed[..]].concat());
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, FIXTURES);
    let n: usize = files
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    let s = &v["summary"];
    let total = s["errors"].as_u64().unwrap()
        + s["warnings"].as_u64().unwrap()
        + s["infos"].as_u64().unwrap();
    assert_eq!(total as usize, n);
    assert_eq!(s["files_checked"], FIXTURES.len());
    // The same diagnostics as jsonl, in the same order.
    let j = run(&[&["--format", "jsonl"][..], &FIXTURES[..]].concat());
    let flat: Vec<Value> = files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect();
    assert_eq!(flat, jsonl(&j.out));
}

#[test]
fn output_order_does_not_depend_on_argument_order() {
    let mut reversed = FIXTURES;
    reversed.reverse();
    for format in ["human", "jsonl"] {
        let a = run(&[&["--format", format, "--color", "never"][..], &FIXTURES[..]].concat());
        let b = run(&[&["--format", format, "--color", "never"][..], &reversed[..]].concat());
        assert_eq!(
            (a.code, &a.out, &a.err),
            (b.code, &b.out, &b.err),
            "{format}"
        );
    }
}

#[test]
fn directories_are_walked_and_paths_shown_as_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
    for p in ["b/c/z.md", "a.txt", "b/y.txt", "skip.rs"] {
        std::fs::write(dir.path().join(p), "Some text.\n").unwrap();
    }
    let json = |args: &[&str]| {
        let mut c = Command::cargo_bin("mtlint").unwrap();
        c.current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--grammar",
                "off",
                "--format",
                "json",
            ])
            .args(args);
        let v: Value = serde_json::from_str(&run_cmd(c).out).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(json(&[]), ["a.txt", "b/c/z.md", "b/y.txt"]);
    assert_eq!(json(&["b", "a.txt"]), ["a.txt", "b/c/z.md", "b/y.txt"]);
    assert_eq!(json(&["./b"]), ["./b/c/z.md", "./b/y.txt"]);
    // A file named twice is checked once; an explicit file is checked whatever its extension.
    assert_eq!(json(&["a.txt", "a.txt", "skip.rs"]), ["a.txt", "skip.rs"]);
}

#[test]
fn clean_and_empty_files_exit_0() {
    let r = run(&["--color", "never", "fixtures/clean.txt"]);
    assert_eq!(
        (r.code, r.out.as_str(), r.err.as_str()),
        (0, "", "no problems found in 1 file\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let r = run(&["--format", "jsonl", empty.to_str().unwrap()]);
    assert_eq!((r.code, r.out.as_str(), r.err.as_str()), (0, "", ""));
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let r = run(&["fixtures/clean.txt", "fixtures/no-such-file.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("error: fixtures/no-such-file.txt: "),
        "{}",
        r.err
    );
    // The other file was still checked.
    assert!(r.err.contains("no problems found in 1 file"), "{}", r.err);
}

#[test]
fn invalid_utf8_is_an_error_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 society.\nSecond line.\n").unwrap();
    let bad = bad.to_str().unwrap();
    let r = run(&["--format", "jsonl", bad, "fixtures/crlf.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.err,
        format!("error: {bad}: invalid UTF-8 at byte 3 (line 1); mtlint reads UTF-8 text only\n")
    );
    let alone = run(&["--format", "jsonl", "fixtures/crlf.txt"]);
    assert_eq!(r.out, alone.out);
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("image.txt");
    std::fs::write(&bin, b"GIF89a\x00\x01\x02").unwrap();
    let bin = bin.to_str().unwrap();
    let r = run(&["--color", "never", bin, "fixtures/clean.txt"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.err,
        format!(
            "note: {bin}: binary file (contains NUL bytes), skipped\nno problems found in 1 file\n"
        )
    );
}

#[test]
fn malformed_config_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("mtlint.toml");
    std::fs::write(
        &cfg,
        "[rules]\ndisable = [\"spelling\"]\ndeny = \"fatal\"\n",
    )
    .unwrap();
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.current_dir(dir.path())
        .args(["check", "--grammar", "off"]);
    let r = run_cmd(c);
    assert_eq!(r.code, 2);
    // `deny` inside [rules] is an unknown field: line 3, column 1.
    assert!(
        r.err.starts_with("error: ") && r.err.contains("mtlint.toml:3:1: "),
        "{}",
        r.err
    );
    assert_eq!(r.err.lines().count(), 1, "{}", r.err);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--format", "xml"][..],
        &["--deny", "fatal"],
        &["--fix", "--diff", "fixtures/clean.txt"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert_eq!(r.out, "");
    }
}

#[test]
fn deny_levels_are_accepted() {
    for level in ["info", "warning", "error"] {
        let r = run(&[
            "--deny",
            level,
            "--format",
            "jsonl",
            "fixtures/seed-article.txt",
        ]);
        let worst = jsonl(&r.out)
            .iter()
            .map(|d| match d["severity"].as_str().unwrap() {
                "error" => 2,
                "warning" => 1,
                _ => 0,
            })
            .max();
        let threshold = ["info", "warning", "error"]
            .iter()
            .position(|l| *l == level)
            .unwrap();
        let expected = if worst.is_some_and(|w| w >= threshold) {
            1
        } else {
            0
        };
        assert_eq!(r.code, expected, "--deny {level}");
    }
}

#[test]
fn stdin_with_a_file_name() {
    let text = std::fs::read_to_string(root().join("fixtures/markdown-article.md")).unwrap();
    let from_file = run(&["--format", "jsonl", "fixtures/markdown-article.md"]);
    let mut c = check(&[
        "--format",
        "jsonl",
        "--stdin-filename",
        "fixtures/markdown-article.md",
        "-",
    ]);
    c.write_stdin(text.clone());
    let from_stdin = run_cmd(c);
    assert_eq!(
        (from_stdin.code, &from_stdin.out),
        (from_file.code, &from_file.out)
    );
    // Without a name: shown as "-".
    let mut c = check(&["--format", "json", "-"]);
    c.write_stdin("Plain text.\n");
    let v: Value = serde_json::from_str(&run_cmd(c).out).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
    // Invalid UTF-8 on stdin.
    let mut c = check(&["--stdin-filename", "notes.txt", "-"]);
    c.write_stdin(&b"ok\xff\xfe"[..]);
    let r = run_cmd(c);
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("error: notes.txt: invalid UTF-8"),
        "{}",
        r.err
    );
}

#[test]
fn stdin_fix_prints_the_whole_text_and_keeps_bom_and_crlf() {
    let input = std::fs::read(root().join("fixtures/bom.txt")).unwrap();
    let mut c = check(&[
        "--fix",
        "--color",
        "never",
        "--stdin-filename",
        "bom.txt",
        "-",
    ]);
    c.write_stdin(input.clone());
    let o = c.output().unwrap();
    let fixed = o.stdout;
    assert!(fixed.starts_with(b"\xef\xbb\xbf"));
    // Fixing the output again changes nothing.
    let mut c = check(&["--fix", "--stdin-filename", "bom.txt", "-"]);
    c.write_stdin(fixed.clone());
    assert_eq!(c.output().unwrap().stdout, fixed);
    let crlf = std::fs::read(root().join("fixtures/crlf.txt")).unwrap();
    let mut c = check(&["--fix", "-"]);
    c.write_stdin(crlf.clone());
    let out = c.output().unwrap().stdout;
    assert_eq!(
        out.windows(2).filter(|w| w == b"\r\n").count(),
        out.iter().filter(|&&b| b == b'\n').count(),
        "line endings stay CRLF"
    );
}

/// Copies every fixture into a temporary directory.
fn copy_fixtures() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = FIXTURES
        .iter()
        .map(|f| {
            let p = dir.path().join(Path::new(f).file_name().unwrap());
            std::fs::copy(root().join(f), &p).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

#[test]
fn fix_is_idempotent_and_only_touches_changed_files() {
    let (_dir, paths) = copy_fixtures();
    let args: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    let before: Vec<(Vec<u8>, std::time::SystemTime)> = paths
        .iter()
        .map(|p| {
            (
                std::fs::read(p).unwrap(),
                std::fs::metadata(p).unwrap().modified().unwrap(),
            )
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let diff = run(&[&["--diff"][..], &args[..]].concat());
    let r = run(&[&["--fix", "--color", "never"][..], &args[..]].concat());
    assert!(r.code == 0 || r.code == 1, "{}", r.err);
    assert!(r.err.contains("fixed "), "{}", r.err);
    let mut changed = 0;
    for (p, (old, mtime)) in paths.iter().zip(&before) {
        let new = std::fs::read(p).unwrap();
        if &new == old {
            assert_eq!(
                &std::fs::metadata(p).unwrap().modified().unwrap(),
                mtime,
                "{p:?} rewritten unchanged"
            );
        } else {
            changed += 1;
            assert_eq!(
                new.starts_with(b"\xef\xbb\xbf"),
                old.starts_with(b"\xef\xbb\xbf"),
                "{p:?}: BOM"
            );
            let crlf = |b: &[u8]| b.windows(2).filter(|w| w == b"\r\n").count();
            assert_eq!(crlf(&new) > 0, crlf(old) > 0, "{p:?}: line endings");
        }
    }
    // --diff announced exactly the files --fix changed.
    assert_eq!(
        diff.out.lines().filter(|l| l.starts_with("+++ ")).count(),
        changed
    );
    assert_eq!(diff.code, if changed > 0 { 1 } else { 0 });
    // The clean file is never touched.
    assert_eq!(std::fs::read(&paths[1]).unwrap(), before[1].0);
    // Second run: nothing to fix.
    let after: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let again = run(&[&["--fix", "--color", "never"][..], &args[..]].concat());
    assert!(
        again.err.contains("fixed 0 problems in 0 files"),
        "{}",
        again.err
    );
    assert_eq!(
        paths
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect::<Vec<_>>(),
        after
    );
    let d = run(&[&["--diff"][..], &args[..]].concat());
    assert_eq!((d.code, d.out.as_str()), (0, ""));
}

#[test]
fn diff_writes_nothing() {
    let (_dir, paths) = copy_fixtures();
    let args: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    let before: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let r = run(&[&["--diff"][..], &args[..]].concat());
    assert!(r.code == 0 || r.code == 1, "{}", r.err);
    assert_eq!(
        paths
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect::<Vec<_>>(),
        before
    );
    assert!(
        r.err.starts_with("would fix ") || r.err == "no safe fixes to apply\n",
        "{}",
        r.err
    );
}
