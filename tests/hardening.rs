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

fn run(dir: &Path, args: &[&str]) -> Out {
    let o = mtlint(dir).args(args).output().unwrap();
    Out {
        code: o.status.code().unwrap(),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
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
