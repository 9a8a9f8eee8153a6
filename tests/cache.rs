//! The result cache: a warm run says exactly what a cold run and a `--no-cache` run say, on
//! every fixture (with the grammar engine when its data is present), after edits, after config
//! and rule-pack changes, and with corrupt entries.

use assert_cmd::Command;
use mtlint::cache::Cache;
use mtlint::config::{Config, GrammarMode};
use mtlint::source::SourceKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// `--grammar require`: the embedded data.
fn grammar_args() -> Vec<String> {
    vec!["--grammar".into(), "require".into()]
}

#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `mtlint check --no-config` with the cache in `cache` (None: `--no-cache`).
fn check(cache: Option<&Path>, args: &[&str]) -> Run {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.current_dir(root())
        .env_remove("NO_COLOR")
        .args(["check", "--no-config", "--color", "never"])
        .args(grammar_args())
        .args(args);
    match cache {
        Some(dir) => c.env("MTLINT_CACHE_DIR", dir),
        // A directory that must never appear, in case --no-cache were ignored.
        None => c.env("MTLINT_CACHE_DIR", never_created()).arg("--no-cache"),
    };
    let out = c.output().unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn never_created() -> PathBuf {
    std::env::temp_dir().join(format!("mtlint-no-cache-{}", std::process::id()))
}

/// Every entry file of a cache directory.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let Ok(shards) = std::fs::read_dir(dir.join("v2")) else {
        return v;
    };
    for s in shards.flatten().filter(|s| s.path().is_dir()) {
        v.extend(
            std::fs::read_dir(s.path())
                .unwrap()
                .flatten()
                .map(|f| f.path())
                .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.')),
        );
    }
    v.sort();
    v
}

/// The fixtures plus CRLF variants of the Markdown ones (written to `dir`).
fn inputs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = FIXTURES.iter().map(|s| s.to_string()).collect();
    for md in ["markdown-article.md", "suppress.md"] {
        let text = std::fs::read_to_string(root().join("fixtures").join(md)).unwrap();
        let p = dir.join(format!("crlf-{md}"));
        std::fs::write(&p, text.replace('\n', "\r\n")).unwrap();
        v.push(p.display().to_string());
    }
    v
}

#[test]
fn warm_runs_say_exactly_what_cold_and_uncached_runs_say() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let files = inputs(tmp.path());
    // All inputs in one run (checked in parallel); the output is per file, in path order.
    for format in ["jsonl", "human"] {
        let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
        args.extend(["--format", format]);
        let uncached = check(None, &args);
        assert!(uncached.stdout.lines().count() > 50, "{format}");
        let cold = check(Some(&cache), &args);
        let entries_after_cold = entries(&cache);
        let warm = check(Some(&cache), &args);
        assert_eq!(cold, uncached, "{format}: cold run differs from --no-cache");
        assert_eq!(warm, uncached, "{format}: warm run differs from --no-cache");
        assert_eq!(
            entries(&cache),
            entries_after_cold,
            "a warm run writes nothing new"
        );
    }
    // One file at a time, warm, as jsonl.
    for f in &files {
        let args = [f.as_str(), "--format", "jsonl"];
        assert_eq!(check(Some(&cache), &args), check(None, &args), "{f}");
    }
    assert!(
        entries(&cache).len() > files.len(),
        "file and block entries are written"
    );
    assert!(!never_created().exists());
}

#[test]
fn no_cache_writes_nothing() {
    let run = check(None, &["fixtures/seed-article.txt", "--format", "jsonl"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.lines().count() > 10);
    assert!(!run.stderr.contains("cache"), "{}", run.stderr);
    assert!(!never_created().exists());
}

#[test]
fn corrupt_entries_are_misses_and_get_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let args = ["fixtures/seed-article.txt", "fixtures/markdown-article.md"];
    let uncached = check(None, &args);
    assert_eq!(check(Some(&cache), &args), uncached);
    let files = entries(&cache);
    for (i, e) in files.iter().enumerate() {
        let mut bytes = std::fs::read(e).unwrap();
        match i % 4 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => *bytes.last_mut().unwrap() ^= 0x55,
            2 => bytes = b"not an entry".to_vec(),
            _ => bytes.clear(),
        }
        std::fs::write(e, bytes).unwrap();
    }
    assert_eq!(check(Some(&cache), &args), uncached);
    // Rewritten: the same entries exist again and serve a third run.
    assert_eq!(entries(&cache), files);
    assert!(files
        .iter()
        .all(|e| std::fs::read(e).unwrap().starts_with(b"MTLCACH1")));
    assert_eq!(check(Some(&cache), &args), uncached);
}

#[test]
fn config_changes_never_hit_stale_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let text = tmp.path().join("lt.txt");
    std::fs::write(
        &text,
        "She could of done it better.\n\nHe was been there before the war.\n\nThe west talks on son territory.\n",
    )
    .unwrap();
    let seed = "fixtures/seed-article.txt";
    let lt = text.display().to_string();
    let base = [seed, lt.as_str(), "--format", "jsonl"];
    let first = check(Some(&cache), &base);
    // A pattern rule (block-local, cached per block), a built-in (document-level) and, with the
    // grammar engine, a LanguageTool rule (cached per block).
    let disable =
        "calque/block-for-bloc,capitalization/sentence-start,lt/GRAMMAR/BEEN_PART_AGREEMENT/7";
    for rule in disable.split(',') {
        assert!(first.stdout.contains(rule), "{rule} fires before");
    }
    let args = [seed, lt.as_str(), "--format", "jsonl", "--disable", disable];
    let off = check(Some(&cache), &args);
    assert_eq!(off, check(None, &args));
    for rule in disable.split(',') {
        assert!(!off.stdout.contains(rule), "{rule} is off");
    }
    // A severity change is seen too.
    let sev = tmp.path().join("mtlint.toml");
    std::fs::write(
        &sev,
        "[rules.severity]\n\"calque/block-for-bloc\" = \"error\"\n",
    )
    .unwrap();
    let mut c = Command::cargo_bin("mtlint").unwrap();
    let out = c
        .current_dir(root())
        .env("MTLINT_CACHE_DIR", &cache)
        .args([
            "check",
            "--config",
            sev.to_str().unwrap(),
            "--format",
            "jsonl",
            seed,
        ])
        .args(grammar_args())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout
        .lines()
        .any(|l| l.contains("calque/block-for-bloc") && l.contains("\"severity\":\"error\"")));
    // And back: the first results, from the cache.
    assert_eq!(check(Some(&cache), &base), first);
}

#[test]
fn editing_a_rule_pack_changes_results() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let packs = tmp.path().join("packs");
    std::fs::create_dir(&packs).unwrap();
    let config = tmp.path().join("mtlint.toml");
    std::fs::write(&config, "[rules]\ndirs = [\"packs\"]\n").unwrap();
    let text = tmp.path().join("t.txt");
    std::fs::write(&text, "The widget is broken again.\n").unwrap();
    let pack = |message: &str| {
        std::fs::write(
            packs.join("house.toml"),
            format!(
                "[[rule]]\nid = \"house/widget\"\ncategory = \"style\"\nseverity = \"warning\"\n\
                 summary = \"say gadget\"\nmessage = \"{message}\"\npattern = [ {{ word = \"widget\" }} ]\n"
            ),
        )
        .unwrap();
    };
    let run = || {
        let out = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(tmp.path())
            .env("MTLINT_CACHE_DIR", &cache)
            .args(["check", "--grammar", "off", "--format", "jsonl", "t.txt"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    pack("first message");
    assert!(run().contains("first message"));
    assert!(run().contains("first message"));
    pack("second message");
    let out = run();
    assert!(
        out.contains("second message") && !out.contains("first message"),
        "{out}"
    );
}

fn config() -> Config {
    let mut c = Config::default();
    c.grammar.mode = Some(GrammarMode::Require);
    c
}

/// Edits of a text: one paragraph changed, paragraphs moved, a paragraph repeated (document-level
/// checks must see it), CRLF line ends.
fn edits(text: &str) -> Vec<String> {
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert!(paras.len() >= 4, "a text of paragraphs");
    let mut changed = paras.clone();
    let i = (1..paras.len())
        .find(|&i| paras[i].contains(" the "))
        .expect("a paragraph with “the”");
    let edited = changed[i].replacen(" the ", " teh ", 1);
    changed[i] = &edited;
    let mut moved = paras.clone();
    moved.swap(1, 3);
    let mut repeated = paras.clone();
    repeated.insert(3, paras[1]);
    vec![
        changed.join("\n\n"),
        moved.join("\n\n"),
        repeated.join("\n\n"),
        text.replace('\n', "\r\n"),
    ]
}

#[test]
fn edited_texts_reuse_unchanged_blocks_and_match_uncached_results() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = Arc::new(Cache::open(tmp.path()).unwrap());
    let cached = mtlint::registry::linter(config())
        .unwrap()
        .with_cache(cache.clone());
    let plain = mtlint::registry::linter(config()).unwrap();
    for (fixture, kind) in [
        ("fixtures/markdown-article.md", SourceKind::Markdown),
        ("fixtures/seed-article.txt", SourceKind::Plain),
    ] {
        let text = std::fs::read_to_string(root().join(fixture)).unwrap();
        let text = text.replace("\r\n", "\n");
        let paras = text.split("\n\n").count();
        let text = if paras >= 4 {
            text
        } else {
            // One paragraph per line: make them blank-line separated.
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        assert_eq!(
            cached.check_text(&text, kind),
            plain.check_text(&text, kind)
        );
        for (i, edited) in edits(&text).iter().enumerate() {
            let before = cache.stats();
            assert_eq!(
                cached.check_text(edited, kind),
                plain.check_text(edited, kind),
                "{fixture}, edit {i}"
            );
            let after = cache.stats();
            let (hits, misses) = (
                after.block_hits - before.block_hits,
                after.block_misses - before.block_misses,
            );
            assert_eq!(after.file_misses - before.file_misses, 1, "{fixture} {i}");
            match i {
                // One paragraph changed: only its blocks are checked again.
                0 => assert!(
                    hits > 2 && (1..=2).contains(&misses),
                    "{fixture}: {hits} {misses}"
                ),
                // Moved or repeated paragraphs: every block is known.
                1 | 2 => assert_eq!(misses, 0, "{fixture} edit {i}"),
                // CRLF: blocks spanning lines (the Markdown fixture has some) have other
                // original bytes, so they are checked again.
                _ => assert!(kind == SourceKind::Plain || misses > 0, "{fixture}"),
            }
            // Warm: the whole text is known.
            let before = cache.stats();
            assert_eq!(
                cached.check_text(edited, kind),
                plain.check_text(edited, kind)
            );
            assert_eq!(cache.stats().file_hits - before.file_hits, 1);
        }
    }
}
