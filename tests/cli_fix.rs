//! The `check` command end to end (walk, read, lint, suppress, fix, diff,
//! render, exit status) with a *test-only* check, so that rendering and fixing
//! are exercised on real diagnostics whatever rules the product has.
//! Runs `mtlint::cli::check::execute` with in-memory streams.

use clap::Parser;
use mtlint::checks::{Check, Context, RuleMeta};
use mtlint::cli::check::{execute, Streams};
use mtlint::cli::{Cli, Command};
use mtlint::config::Config;
use mtlint::document::Document;
use mtlint::{Category, Diagnostic, FixSafety, Linter, Severity};
use std::path::{Path, PathBuf};

/// Finds a few known MT errors in the checked text (test only).
struct Toy;

fn occurrences<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    text.char_indices()
        .map(|(i, _)| i)
        .filter(move |&i| text[i..].starts_with(needle))
}

impl Check for Toy {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![
            RuleMeta::builtin(
                "toy/repeated-word",
                Category::Repetition,
                Severity::Warning,
                FixSafety::Safe,
                "repeated word",
            ),
            RuleMeta::builtin(
                "toy/son",
                Category::MtCalque,
                Severity::Warning,
                FixSafety::Safe,
                "son",
            ),
            RuleMeta::builtin(
                "toy/a-an",
                Category::Grammar,
                Severity::Error,
                FixSafety::Unsafe,
                "a/an",
            ),
            RuleMeta::builtin(
                "toy/zero-width",
                Category::Unicode,
                Severity::Warning,
                FixSafety::Unsafe,
                "zero width",
            ),
            RuleMeta::builtin(
                "toy/repeated-block",
                Category::Repetition,
                Severity::Info,
                FixSafety::None,
                "repeated block",
            ),
        ]
    }

    fn check(&self, doc: &Document, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let t = doc.text.as_str();
        for w in ["price", "the", "The"] {
            for i in occurrences(t, &format!("{w} {}", w.to_lowercase())) {
                let end = i + 2 * w.len() + 1;
                let word_end = t[end..]
                    .chars()
                    .next()
                    .map_or(true, |c| !c.is_alphanumeric());
                let word_start = t[..i]
                    .chars()
                    .next_back()
                    .map_or(true, |c| !c.is_alphanumeric());
                if word_start && word_end {
                    out.push(
                        Diagnostic::new(
                            "toy/repeated-word",
                            Category::Repetition,
                            Severity::Warning,
                            i..end,
                            format!("`{w}` is repeated"),
                        )
                        .suggest(w, FixSafety::Safe),
                    );
                }
            }
        }
        for w in ["son territory", "son ally"] {
            for i in occurrences(t, w) {
                out.push(
                    Diagnostic::new(
                        "toy/son",
                        Category::MtCalque,
                        Severity::Warning,
                        i..i + 3,
                        "`son` is a French possessive, not English",
                    )
                    .suggest("its", FixSafety::Safe),
                );
            }
        }
        for i in occurrences(t, "a invasion") {
            out.push(
                Diagnostic::new(
                    "toy/a-an",
                    Category::Grammar,
                    Severity::Error,
                    i..i + 1,
                    "use `an` before a vowel sound",
                )
                .suggest("an", FixSafety::Unsafe),
            );
        }
        for i in occurrences(t, "\u{200b}") {
            out.push(
                Diagnostic::new(
                    "toy/zero-width",
                    Category::Unicode,
                    Severity::Warning,
                    i..i + 3,
                    "zero-width space inside the text",
                )
                .suggest(" ", FixSafety::Unsafe)
                .suggest("", FixSafety::Unsafe),
            );
        }
        let head = "The head of Russian diplomacy";
        if let Some(second) = occurrences(t, head).nth(1) {
            let first_end = t.find('\n').unwrap_or(t.len());
            out.push(
                Diagnostic::new(
                    "toy/repeated-block",
                    Category::Repetition,
                    Severity::Info,
                    second..t.trim_end().len(),
                    "the article is repeated from here",
                )
                .related(0..first_end, "first copy"),
            );
        }
    }
}

/// The toy linter, with `--enable`/`--disable` applied as `run` does.
fn linter(a: &mtlint::cli::CheckArgs) -> Linter {
    let mut config = Config::default();
    config.rules.enable = a.enable.clone();
    config.rules.disable = a.disable.clone();
    Linter::new(config, vec![Box::new(Toy)])
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run_in(args: &[&str], stdin: &[u8], color: bool) -> Run {
    let mut argv = vec!["mtlint", "check"];
    argv.extend_from_slice(args);
    let Command::Check(a) = Cli::try_parse_from(argv).expect("valid arguments").command else {
        panic!("not check")
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = stdin;
    let code = {
        let mut s = Streams {
            stdin: &mut input,
            out: &mut out,
            err: &mut err,
            color_out: color,
            color_err: false,
        };
        execute(&a, &linter(&a), &mut s).expect("check runs")
    };
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(args, b"", false)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Copies fixtures into a temporary directory; returns it and the copies' paths.
fn copies(names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = names
        .iter()
        .map(|n| {
            let p = dir.path().join(n);
            std::fs::copy(fixture(n), &p).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Output with the temporary directory replaced by `[TMP]`.
fn redact(text: &str, dir: &Path) -> String {
    text.replace(s(dir), "[TMP]")
}

#[test]
fn human_output_on_the_seed_article() {
    let (dir, p) = copies(&["seed-article.txt"]);
    let r = run(&["--color", "never", s(&p[0])]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(
        "toy_human_seed",
        redact(&format!("{}--- stderr\n{}", r.out, r.err), dir.path())
    );
}

#[test]
fn human_output_on_traps_crlf_bom_and_markdown() {
    let (dir, p) = copies(&[
        "unicode-traps.txt",
        "crlf.txt",
        "bom.txt",
        "markdown-article.md",
    ]);
    // Given in reverse order: output is sorted by path.
    let args: Vec<&str> = ["--color", "never"]
        .into_iter()
        .chain(p.iter().rev().map(|p| s(p)))
        .collect();
    let r = run(&args);
    assert_eq!(r.code, 1);
    let out = redact(&format!("{}--- stderr\n{}", r.out, r.err), dir.path());
    // Invisible characters are shown, never printed raw.
    assert!(out.contains("talks<U+200B>continued"), "{out}");
    assert!(!out.contains('\u{200b}'));
    insta::assert_snapshot!("toy_human_misc", out);
}

#[test]
fn colour_only_when_asked() {
    let p = fixture("bom.txt");
    let plain = run_in(&[s(&p)], b"", false);
    assert!(!plain.out.contains('\x1b'));
    let coloured = run_in(&["--color", "always", s(&p)], b"", true);
    assert!(coloured.out.contains("\x1b["), "{}", coloured.out);
    // Same text once the escapes are removed.
    let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&coloured.out, "");
    assert_eq!(stripped, plain.out);
}

#[test]
fn jsonl_spans_are_exact_original_bytes() {
    for name in [
        "seed-article.txt",
        "crlf.txt",
        "bom.txt",
        "markdown-article.md",
        "unicode-traps.txt",
    ] {
        let p = fixture(name);
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let r = run(&["--format", "jsonl", s(&p)]);
        assert!(
            !r.out.is_empty(),
            "{name}: the toy check finds something in every fixture"
        );
        for line in r.out.lines() {
            let d: serde_json::Value = serde_json::from_str(line).unwrap();
            let (a, b) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let span = &text[a..b];
            let expected: &[&str] = match d["rule"].as_str().unwrap() {
                "toy/repeated-word" => &["price price", "the the", "The the"],
                "toy/son" => &["son"],
                "toy/a-an" => &["a"],
                "toy/zero-width" => &["\u{200b}"],
                "toy/repeated-block" => &[],
                r => panic!("unexpected rule {r}"),
            };
            assert!(
                expected.is_empty() || expected.contains(&span),
                "{name}: {span:?} for {line}"
            );
        }
    }
    // Code, HTML, URLs and front matter in Markdown are not prose.
    let r = run(&["--format", "jsonl", s(&fixture("markdown-article.md"))]);
    let lines: Vec<u64> = r
        .out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [11, 12, 12, 17, 49], "{}", r.out);
}

#[test]
fn json_document_shape() {
    let (_dir, p) = copies(&["crlf.txt", "clean.txt"]);
    let r = run(&["--format", "json", s(&p[1]), s(&p[0])]);
    assert_eq!(r.code, 1);
    assert_eq!(r.err, "");
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["version"], 1);
    let files = v["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [s(&p[1]), s(&p[0])],
        "clean.txt sorts before crlf.txt"
    );
    assert_eq!(
        files[0]["diagnostics"].as_array().unwrap().len(),
        0,
        "clean.txt"
    );
    assert_eq!(v["summary"]["files_checked"], 2);
    assert_eq!(v["summary"]["files_with_diagnostics"], 1);
    assert_eq!(v["summary"]["warnings"], 3);
    // The diagnostic objects are exactly the jsonl objects.
    let jsonl = run(&["--format", "jsonl", s(&p[0]), s(&p[1])]);
    let from_jsonl: Vec<serde_json::Value> = jsonl
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(files[1]["diagnostics"].as_array().unwrap(), &from_jsonl);
    let keys: Vec<&String> = from_jsonl[0].as_object().unwrap().keys().collect();
    let mut want = [
        "path",
        "rule",
        "category",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "utf16_column",
        "utf16_end_column",
        "suggestions",
    ];
    want.sort();
    assert_eq!(keys, want);
}

#[test]
fn deny_level_decides_the_exit_status() {
    let p = fixture("crlf.txt"); // warnings only
    assert_eq!(run(&[s(&p)]).code, 1);
    assert_eq!(run(&["--deny", "error", s(&p)]).code, 0);
    assert_eq!(run(&["--deny", "info", s(&p)]).code, 1);
    let bom = fixture("bom.txt"); // has an error
    assert_eq!(run(&["--deny", "error", s(&bom)]).code, 1);
    assert_eq!(run(&[s(&fixture("clean.txt"))]).code, 0);
    // A disabled rule does not count.
    assert_eq!(run(&["--disable", "repetition,mt-calque", s(&p)]).code, 0);
}

#[test]
fn fix_rewrites_changed_files_only_and_is_idempotent() {
    let (dir, p) = copies(&["crlf.txt", "bom.txt", "clean.txt", "markdown-article.md"]);
    let before: Vec<Vec<u8>> = p.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let old = filetime(&p[2]);
    // Make a later write visible in the modification time.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let args: Vec<&str> = ["--fix", "--color", "never"]
        .into_iter()
        .chain(p.iter().map(|p| s(p)))
        .collect();
    let r = run(&args);
    insta::assert_snapshot!(
        "toy_fix",
        redact(
            &format!("exit {}\n{}--- stderr\n{}", r.code, r.out, r.err),
            dir.path()
        )
    );
    let after: Vec<Vec<u8>> = p.iter().map(|p| std::fs::read(p).unwrap()).collect();
    // CRLF file: the fixes, nothing else.
    let crlf = String::from_utf8(after[0].clone()).unwrap();
    assert_eq!(
        crlf,
        String::from_utf8(before[0].clone())
            .unwrap()
            .replace("son ally", "its ally")
            .replace("price price", "price")
            .replace("The the", "The")
    );
    assert_eq!(crlf.matches("\r\n").count(), crlf.matches('\n').count());
    // BOM file: BOM kept; the unsafe a/an fix is not applied.
    assert!(after[1].starts_with(b"\xef\xbb\xbf"));
    let bom = String::from_utf8(after[1].clone()).unwrap();
    assert!(
        bom.contains("on its territory") && bom.contains("a invasion"),
        "{bom}"
    );
    // Untouched file: same bytes, same modification time.
    assert_eq!(after[2], before[2]);
    assert_eq!(filetime(&p[2]), old);
    // Markdown: code, URLs and front matter untouched.
    let md = String::from_utf8(after[3].clone()).unwrap();
    assert!(md.contains("summary: Russia claims the right to deploy forces on son territory."));
    assert!(md.contains("`son territory`, `price price`"));
    assert!(md.contains("https://example.com/son-territory/price-price?ref=a+invasion"));
    assert!(md.contains("price for any invasion"));
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    // Second run: nothing to fix, nothing written.
    let times: Vec<_> = p.iter().map(|p| filetime(p)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = run(&args);
    assert!(
        again.err.contains("fixed 0 problems in 0 files"),
        "{}",
        again.err
    );
    assert_eq!(
        p.iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect::<Vec<_>>(),
        after
    );
    assert_eq!(p.iter().map(|p| filetime(p)).collect::<Vec<_>>(), times);
}

fn filetime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let (dir, p) = copies(&["crlf.txt", "clean.txt"]);
    let before = std::fs::read(&p[0]).unwrap();
    let r = run(&["--diff", s(&p[0]), s(&p[1])]);
    assert_eq!(r.code, 1);
    assert_eq!(std::fs::read(&p[0]).unwrap(), before);
    insta::assert_snapshot!(
        "toy_diff",
        redact(
            &format!("{}--- stderr\n{}", r.out.replace('\r', "␍"), r.err),
            dir.path()
        )
    );
    // Applying the diff's fixes makes --diff empty and exit 0.
    run(&["--fix", s(&p[0])]);
    let r = run(&["--diff", s(&p[0]), s(&p[1])]);
    assert_eq!((r.code, r.out.as_str()), (0, ""));
}

#[test]
fn stdin_fix_writes_the_fixed_text_to_stdout() {
    let input = "\u{feff}A high price price.\r\nOn son territory.\r\n";
    let r = run_in(
        &[
            "--fix",
            "--stdin-filename",
            "notes.txt",
            "--color",
            "never",
            "-",
        ],
        input.as_bytes(),
        false,
    );
    assert_eq!(r.out, "\u{feff}A high price.\r\nOn its territory.\r\n");
    assert!(r.err.contains("fixed 2 problems in 1 file"), "{}", r.err);
    // Nothing remains: exit 0.
    assert_eq!(r.code, 0);
    // Without --fix: diagnostics on stdout under the given name.
    let r = run_in(
        &["--format", "jsonl", "--stdin-filename", "notes.txt", "-"],
        input.as_bytes(),
        false,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.out.lines().all(|l| l.contains("\"path\":\"notes.txt\"")),
        "{}",
        r.out
    );
    assert_eq!(r.out.lines().count(), 2);
}

#[test]
fn suppressions_apply_through_the_pipeline() {
    for name in ["suppress.md", "suppress.txt"] {
        let p = fixture(name);
        let text = std::fs::read_to_string(&p).unwrap();
        let r = run(&["--format", "jsonl", s(&p)]);
        let flagged: Vec<(usize, String)> = r
            .out
            .lines()
            .map(|l| {
                let d: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    d["line"].as_u64().unwrap() as usize,
                    text[d["start"].as_u64().unwrap() as usize
                        ..d["end"].as_u64().unwrap() as usize]
                        .to_string(),
                )
            })
            .collect();
        let last = text.lines().count();
        let (first_line, expected) = if name.ends_with(".md") {
            (3, 9)
        } else {
            (1, 7)
        };
        assert_eq!(
            flagged,
            [
                (first_line, "price price".to_string()),
                (expected, "price price".to_string()),
                (last, "son".to_string()),
                (last, "the the".to_string())
            ],
            "{name}"
        );
    }
}

/// A check that finds "the the" and, the first time it runs, saves an edit to `path` as an
/// editor would while a slow lint is running.
struct EditsWhileChecking {
    path: PathBuf,
    done: std::sync::atomic::AtomicBool,
}

impl Check for EditsWhileChecking {
    fn rules(&self) -> Vec<RuleMeta> {
        Toy.rules()
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !self.done.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::fs::write(&self.path, "An edit saved meanwhile: the the.\n").unwrap();
        }
        Toy.check(doc, ctx, out);
    }
}

// Issue 11, item 5: an edit saved while mtlint runs is never overwritten by --fix.
#[test]
fn fix_never_overwrites_an_edit_saved_during_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("draft.txt");
    std::fs::write(&p, "The the price price.\n").unwrap();
    let argv = ["mtlint", "check", "--fix", s(&p)];
    let Command::Check(a) = Cli::try_parse_from(argv).unwrap().command else {
        panic!("not check")
    };
    let check = EditsWhileChecking {
        path: p.clone(),
        done: Default::default(),
    };
    let linter = Linter::new(Config::default(), vec![Box::new(check)]);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = execute(
        &a,
        &linter,
        &mut Streams {
            stdin: &mut &b""[..],
            out: &mut out,
            err: &mut err,
            color_out: false,
            color_err: false,
        },
    )
    .unwrap();
    let err = String::from_utf8(err).unwrap();
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "An edit saved meanwhile: the the.\n"
    );
    assert!(
        err.contains("the file changed on disk while it was being checked; not fixed"),
        "{err}"
    );
    assert!(err.contains("fixed 0 problems in 0 files"), "{err}");
    assert_eq!(code, 1);
}
