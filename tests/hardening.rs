//! Regression tests for the hostile-input report (issue 11): each test carries the item's
//! minimal reproduction and runs the real binary on it.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn mtlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.current_dir(dir).env_remove("NO_COLOR").args([
        "check",
        "--no-config",
        "--grammar",
        "off",
        "--no-cache",
    ]);
    c
}

struct Out {
    code: i32,
    out: String,
    err: String,
}

fn output(c: &mut Command) -> Out {
    let o = c.output().unwrap();
    Out {
        code: o.status.code().unwrap(),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `mtlint check` (grammar off, no config, no cache) with `args`.
fn run(dir: &Path, args: &[&str]) -> Out {
    output(mtlint(dir).args(args))
}

/// The binary in `dir` with exactly `args`.
fn exec(dir: &Path, args: &[&str]) -> Out {
    output(
        Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(dir)
            .args(args),
    )
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// --fix leaves `bytes` exactly as they are, and nothing is flagged inside `protected`.
fn fix_keeps(name: &str, bytes: &[u8], protected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), name, bytes);
    let o = run(dir.path(), &["--format", "jsonl", name]);
    let text = String::from_utf8_lossy(bytes);
    let at = text.find(protected).expect("protected text in the input");
    let inside = at..at + protected.len();
    for line in o.out.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert!(
            e <= inside.start || s >= inside.end,
            "{name}: a diagnostic inside {protected:?}: {line}"
        );
    }
    let o = run(dir.path(), &["--fix", name]);
    assert!(o.code <= 1, "{}", o.err);
    assert_eq!(fs::read(&p).unwrap(), bytes, "{name} was changed by --fix");
}

// 1. Markdown autolinks are not prose.
#[test]
fn autolinks_are_never_linted_or_fixed() {
    fix_keeps(
        "u.md",
        b"See <https://example.org/cafe\xcc\x81>.\n",
        "https://example.org/cafe\u{301}",
    );
    fix_keeps(
        "k.md",
        b"See <https://x.org/Kiev/> now.\n",
        "https://x.org/Kiev/",
    );
    fix_keeps(
        "z.md",
        b"See <https://x.org/a\xe2\x80\x8bb> now.\n",
        "https://x.org/a",
    );
    fix_keeps("e.md", b"Mail <kiev@b.org> now.\n", "kiev@b.org");
    // Bare URLs in prose and in plain text are left alone too.
    fix_keeps(
        "bare.txt",
        b"See https://example.org/cafe\xcc\x81/Kiev today.\n",
        "https://example.org/cafe\u{301}/Kiev",
    );
}

// 2. A BOM does not hide the first Markdown block.
#[test]
fn a_bom_does_not_hide_the_first_markdown_block() {
    for (name, body, code) in [
        (
            "fence.md",
            "```python\nx = 1  # the the value\n```\n",
            "the the",
        ),
        (
            "indent.md",
            "    x = 1  # the the value\n\nText.\n",
            "the the",
        ),
        (
            "html.md",
            "<div>\nthe the value\n</div>\n\nText.\n",
            "the the",
        ),
        ("quote.md", "> ```\n> the the\n> ```\n", "the the"),
        (
            "linkdef.md",
            "[the the]: https://x.org/Kiev\n\nText.\n",
            "Kiev",
        ),
    ] {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(body.as_bytes());
        fix_keeps(name, &bytes, code);
    }
}

// 3. Lone CR ends lines: code and front matter are recognised, line numbers count CR.
#[test]
fn lone_cr_line_ends_are_line_ends() {
    fix_keeps(
        "c.md",
        b"Intro.\r\r```\rx = 1  # the the value\r```\r",
        "the the",
    );
    fix_keeps("i.md", b"Intro.\r\r    x = the the\r\rText.\r", "the the");
    fix_keeps("q.md", b"> ```\r> the the\r> ```\r", "the the");
    fix_keeps("fm.md", b"---\rtitle: the the\r---\rText.\r", "the the");
    fix_keeps("t.md", b"+++\rtitle = 'Kiev'\r+++\rText.\r", "Kiev");

    let dir = tempfile::tempdir().unwrap();
    file(dir.path(), "l.txt", b"One.\rTwo.\rThe the end.\r");
    let o = run(dir.path(), &["--format", "jsonl", "l.txt"]);
    let d: serde_json::Value = serde_json::from_str(o.out.lines().next().unwrap()).unwrap();
    // The second "the" of line 3.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(4))
    );
    assert!(run(dir.path(), &["l.txt"]).out.contains("--> l.txt:3:4"));
}

// 4. --diff of a file with lone CRs is a patch that applies, also to the files after it.
#[test]
fn diff_with_lone_cr_applies_with_patch_and_git() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 3] = [
        ("a.txt", b"Intro.\r\rThe the value.\r"),
        ("b.txt", b"Good the the text.\n"),
        ("c.txt", b"No newline at the the end"),
    ];
    for (n, b) in files {
        file(dir.path(), n, b);
    }
    let names: Vec<&str> = files.iter().map(|f| f.0).collect();
    let mut args = vec!["--diff"];
    args.extend(&names);
    let diff = run(dir.path(), &args).out;
    // The expected result is what --fix writes, in a copy.
    let fixed = tempfile::tempdir().unwrap();
    for (n, b) in files {
        file(fixed.path(), n, b);
    }
    let mut args = vec!["--fix"];
    args.extend(&names);
    run(fixed.path(), &args);
    for tool in [&["patch", "-p0", "--quiet"][..], &["git", "apply", "-"][..]] {
        let work = tempfile::tempdir().unwrap();
        for (n, b) in files {
            file(work.path(), n, b);
        }
        let status = std::process::Command::new(tool[0])
            .args(&tool[1..])
            .current_dir(work.path())
            .stdin(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(diff.as_bytes())?;
                c.wait()
            })
            .unwrap();
        assert!(status.success(), "{} rejected:\n{diff}", tool[0]);
        for (n, _) in files {
            assert_eq!(
                fs::read(work.path().join(n)).unwrap(),
                fs::read(fixed.path().join(n)).unwrap(),
                "{} on {n}",
                tool[0]
            );
        }
    }
}

// 6. Hard links, owner and read-only files.
#[cfg(unix)]
#[test]
fn fix_keeps_hard_links_owner_and_read_only_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.txt", b"The the end.\n");
    fs::hard_link(&a, dir.path().join("b.txt")).unwrap();
    let owned = std::os::unix::fs::chown(&a, Some(4242), Some(4242)).is_ok();
    let o = run(dir.path(), &["--fix", "a.txt"]);
    assert_eq!(o.code, 0, "{}", o.err);
    assert_eq!(fs::read(dir.path().join("b.txt")).unwrap(), b"The end.\n");
    assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);
    if owned {
        assert_eq!(fs::metadata(&a).unwrap().uid(), 4242);
    }

    let r = file(dir.path(), "r.txt", b"The the end.\n");
    fs::set_permissions(&r, fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(dir.path(), &["--fix", "r.txt"]);
    assert_eq!(fs::read(&r).unwrap(), b"The the end.\n");
    assert!(
        o.err.contains("r.txt: the file is read-only; not fixed"),
        "{}",
        o.err
    );
    assert_eq!(o.code, 1, "the finding stays: {}", o.out);

    // Owner and group survive the rename (as root: a file of another user stays theirs).
    let u = file(dir.path(), "u.txt", b"The the end.\n");
    if std::os::unix::fs::chown(&u, Some(4343), Some(4344)).is_ok() {
        run(dir.path(), &["--fix", "u.txt"]);
        let m = fs::metadata(&u).unwrap();
        assert_eq!((m.uid(), m.gid()), (4343, 4344));
        assert_eq!(fs::read(&u).unwrap(), b"The end.\n");
    }
}

/// The binary with the grammar engine on (its data is embedded).
fn run_grammar(dir: &Path, args: &[&str]) -> Out {
    let mut all = vec!["check", "--no-config", "--no-cache"];
    all.extend(args);
    exec(dir, &all)
}

// Item 8: "sentences" that are not prose (one token repeated, thousands of tokens, a word of
// megabytes) are left out of the grammar engine, with an info diagnostic saying so, and mtlint's
// own checks still run on them. (Their cost is measured in `cargo bench --bench degenerate`.)
#[test]
fn degenerate_sentences_skip_the_grammar_engine_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..400).map(|i| format!("word{}", i % 97)).collect();
    let cases = [
        ("the.txt", "the ".repeat(2000), "has 2000 words and symbols"),
        (
            "long.txt",
            words.join(" ") + ".",
            "has 401 words and symbols",
        ),
        (
            "run.txt",
            format!("It {}.", "the ".repeat(60).trim()),
            "repeats 3 distinct tokens 62 times",
        ),
        (
            "blob.txt",
            format!("A {} here.", "a".repeat(5000)),
            "has a 5000-byte word",
        ),
    ];
    for (name, text, why) in cases {
        file(
            dir.path(),
            name,
            format!("Prose comes first.\n\n{text}\n").as_bytes(),
        );
        let r = run_grammar(dir.path(), &[name, "--format", "jsonl"]);
        let skipped: Vec<&str> = r
            .out
            .lines()
            .filter(|l| l.contains("grammar/sentence-not-checked"))
            .collect();
        assert_eq!(skipped.len(), 1, "{name}: {}", r.out);
        assert!(skipped[0].contains(why), "{name}: {}", skipped[0]);
        assert!(skipped[0].contains(r#""severity":"info""#), "{name}");
    }
    // The own checks still see the skipped sentence: the repeated word is flagged.
    let r = run_grammar(dir.path(), &["the.txt", "--format", "jsonl"]);
    assert!(r.out.contains("repetition/repeated-word"), "{}", r.out);
    // Prose is analysed: LanguageTool's rules fire on an ordinary long sentence.
    file(
        dir.path(),
        "prose.txt",
        b"The committee, having considered the report of the rapporteur and the opinions of the other committees, adopted a the text.\n",
    );
    let r = run_grammar(dir.path(), &["prose.txt", "--format", "jsonl"]);
    assert!(r.out.contains("lt/GRAMMAR/DT_DT"), "{}", r.out);
    assert!(!r.out.contains("sentence-not-checked"), "{}", r.out);
}

// Item 12: a reader that goes away early (`| head -1`) ends the run quietly, with the exit status
// the findings earn (not "error: Broken pipe" and status 2).
#[test]
fn a_closed_pipe_ends_quietly_with_the_earned_status() {
    let dir = tempfile::tempdir().unwrap();
    file(
        dir.path(),
        "a.txt",
        "The the price price is is high.\n".repeat(2000).as_bytes(),
    );
    let check = [
        "check",
        "--no-config",
        "--no-cache",
        "--grammar",
        "off",
        "a.txt",
    ];
    let runs: Vec<Vec<&str>> = vec![
        check.to_vec(),
        [&check[..], &["--format", "jsonl"]].concat(),
        [&check[..], &["--format", "sarif"]].concat(),
        vec!["rules", "--no-config", "--grammar", "off"],
    ];
    for args in &runs {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
            .current_dir(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before mtlint writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("Broken pipe") && !err.contains("error"),
            "{args:?}: {err}"
        );
        let expected = if args[0] == "rules" { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {err}");
    }
}

// Item 13: UTF-16 and UTF-32 text (with a byte-order mark) is an error, never a silent pass.
#[test]
fn utf16_and_utf32_files_are_errors_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "The son territory.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            "The son territory.\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    file(dir.path(), "le.md", &le);
    file(dir.path(), "be.txt", &be);
    file(dir.path(), "u32.txt", &[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]);
    for (name, enc) in [
        ("le.md", "UTF-16LE"),
        ("be.txt", "UTF-16BE"),
        ("u32.txt", "UTF-32LE"),
    ] {
        let r = run(dir.path(), &[name]);
        assert_eq!(r.code, 2, "{name}: {}", r.err);
        assert!(
            r.err.contains(&format!("error: {name}: {enc} text")),
            "{}",
            r.err
        );
        assert!(r.err.contains("iconv"), "{}", r.err);
    }
    // Walking a directory: the same error, and the run fails.
    let r = run(dir.path(), &["."]);
    assert_eq!(r.code, 2, "{}", r.err);
}

// Item 14: rule selectors that select nothing are errors, with the closest id as a hint.
#[test]
fn unknown_rule_selectors_are_errors_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    file(dir.path(), "a.txt", b"The the price.\n");
    let r = run(
        dir.path(),
        &["--disable", "repetition/repeated-wrod", "a.txt"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains(
            "`repetition/repeated-wrod` matches no rule; did you mean `repetition/repeated-word`?"
        ),
        "{}",
        r.err
    );
    let r = run(dir.path(), &["--enable", "nothing-like-it/at-all", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.err.contains("matches no rule (see `mtlint rules`)"),
        "{}",
        r.err
    );
    // Ids, globs, families and categories that exist are fine, LanguageTool's too.
    for sel in [
        "repetition/repeated-word",
        "calque/*",
        "calque/",
        "spelling",
        "lt/TYPOGRAPHY/*",
    ] {
        let o = run_grammar(dir.path(), &["--disable", sel, "a.txt"]);
        assert_ne!(o.code, 2, "{sel}: {}", o.err);
    }
    // In mtlint.toml: at the selector's line and column.
    file(
        dir.path(),
        "mtlint.toml",
        b"[rules]\nenable = [\"calque/*\"]\ndisable = [\"calque/possesive-son\"]\n",
    );
    let o = exec(
        dir.path(),
        &["check", "--no-cache", "--grammar", "off", "a.txt"],
    );
    let err = o.err;
    assert_eq!(o.code, 2, "{err}");
    assert!(
        err.contains("mtlint.toml:3:12: `calque/possesive-son` matches no rule; did you mean `calque/possessive-son`?"),
        "{err}"
    );
}

/// `mtlint ARGS` with a config file in `dir` (grammar off; no cache for `check`).
fn with_config(dir: &Path, config: &[u8], args: &[&str]) -> Out {
    file(dir, "mtlint.toml", config);
    let mut all = args.to_vec();
    all.extend(["--grammar", "off"]);
    if args[0] == "check" {
        all.push("--no-cache");
    }
    exec(dir, &all)
}

// Item 15: a user pack may not reuse a built-in check's id, nor LanguageTool's `lt/` prefix.
#[test]
fn user_packs_cannot_take_built_in_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("packs")).unwrap();
    file(dir.path(), "a.txt", b"Fine.\n");
    let pack = |id: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"x\"\npattern = [{{ word = \"zzz\" }}]\n"
        )
    };
    for (id, why) in [
        ("repetition/repeated-word", "duplicate rule id `repetition/repeated-word` (already defined in mtlint's built-in checks)"),
        ("lt/GRAMMAR/MINE", "ids starting with `lt/` are LanguageTool's"),
    ] {
        fs::write(dir.path().join("packs/mine.toml"), pack(id)).unwrap();
        let Out { code, err, .. } = with_config(dir.path(), b"[rules]\ndirs = [\"packs\"]\n", &["check", "a.txt"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("mine.toml:2:6: ") && err.contains(why), "{err}");
    }
}

// Item 16: an empty regex is an error at load; `mtlint rules --verify` runs a pack's examples
// and reports each failure at its file:line.
#[test]
fn empty_regexes_are_rejected_and_examples_are_verified() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("packs")).unwrap();
    file(dir.path(), "a.txt", b"Fine.\n");
    fs::write(
        dir.path().join("packs/mine.toml"),
        "[[rule]]\nid = \"my/empty\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"x\"\npattern = [{ regex = \"\" }]\n",
    )
    .unwrap();
    let Out { code, err, .. } = with_config(
        dir.path(),
        b"[rules]\ndirs = [\"packs\"]\n",
        &["check", "a.txt"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("mine.toml:6:") && err.contains("regex is empty"),
        "{err}"
    );

    let pack = r#"[[rule]]
id = "my/colour"
category = "style"
severity = "info"
summary = "British spelling"
pattern = [{ word = "colour" }]
suggest = ["color"]
fix = "safe"
examples = [
  { text = "The [colour] is red.", fix = "color" },
  { text = "A [colour] here.", fix = "colr" },
]
counter_examples = [
  "The color is red.",
  "Colour television arrived late.",
]
"#;
    fs::write(dir.path().join("packs/mine.toml"), pack).unwrap();
    let Out { code, out, err } = with_config(
        dir.path(),
        b"[rules]\ndirs = [\"packs\"]\n",
        &["rules", "--verify"],
    );
    assert_eq!(code, 1, "{err}");
    // Stdout has the failures.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("mine.toml:11:") && lines[0].contains("my/colour: example"),
        "{out}"
    );
    assert!(
        lines[1].contains("mine.toml:15:") && lines[1].contains("counter-example"),
        "{out}"
    );
    assert!(
        err.contains("1 failed") || err.contains("2 failed"),
        "{err}"
    );
    // Fixed, the pack verifies; a directory can also be named on the command line.
    fs::write(
        dir.path().join("packs/mine.toml"),
        pack.replace("fix = \"colr\"", "fix = \"color\"").replace(
            "  \"Colour television arrived late.\",\n",
            "  \"Colourful.\",\n",
        ),
    )
    .unwrap();
    fs::remove_file(dir.path().join("mtlint.toml")).unwrap();
    let o = exec(
        dir.path(),
        &["rules", "--verify", "--grammar", "off", "packs"],
    );
    let err = o.err;
    assert_eq!(o.code, 0, "{err}");
    assert!(err.contains("all pass"), "{err}");
}

// Item 17: every config error has a true location, or none when it is not about a place.
#[test]
fn config_errors_have_true_locations() {
    let dir = tempfile::tempdir().unwrap();
    file(dir.path(), "a.txt", b"Fine.\n");
    let cases: [(&[u8], &str); 5] = [
        (
            b"ignore = [\"a/**/[b\"]\n",
            "mtlint.toml:1:11: invalid glob `a/**/[b`",
        ),
        (
            b"[rules]\ndirs = [\"nope\"]\n",
            "mtlint.toml:2:9: rules directory `nope` does not exist",
        ),
        (
            b"deny = \"warn\xff\"\n",
            "mtlint.toml:1:13: config file is not valid UTF-8",
        ),
        (
            b"deny = 3\n",
            "mtlint.toml:1:8: invalid type: integer `3`, expected a string",
        ),
        (
            b"deny = \"fatal\"\n",
            "mtlint.toml:1:8: unknown severity `fatal`",
        ),
    ];
    for (config, want) in cases {
        let Out { code, err, .. } = with_config(dir.path(), config, &["check", "a.txt"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(want), "want {want:?}, got {err}");
        assert!(!err.contains(":0:0:"), "{err}");
    }
    let Out { code, err, .. } = with_config(
        dir.path(),
        b"",
        &["check", "--config", "nope.toml", "a.txt"],
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: nope.toml: cannot read config file: "),
        "{err}"
    );
}

// Item 19: json/jsonl carry UTF-16 columns (what editors count in).
#[test]
fn json_has_utf16_columns() {
    let dir = tempfile::tempdir().unwrap();
    file(
        dir.path(),
        "a.txt",
        "😀 é He bought a the house.\n".as_bytes(),
    );
    let r = run_grammar(dir.path(), &["a.txt", "--format", "jsonl"]);
    let line = r
        .out
        .lines()
        .find(|l| l.contains("DT_DT"))
        .unwrap_or_else(|| panic!("{}", r.out));
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    // "😀 é He bought " is 14 characters and 15 UTF-16 code units.
    assert_eq!(v["column"], 15);
    assert_eq!(v["utf16_column"], 16);
    assert_eq!(v["utf16_end_column"], 21);
}
