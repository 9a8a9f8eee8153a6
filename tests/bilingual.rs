//! Bilingual input through the real binary: XLIFF 1.2 and 2.0, PO and an aligned pair
//! (`fixtures/bilingual/`, errors planted as listed in its README): snapshots of the output,
//! spans inside the targets, the planted errors found and the clean units left alone,
//! malformed files reported with line and column while the other files are still checked,
//! `--fix` keeping the files valid, every output format, and the target language switch.
//!
//! Snapshots: review and accept with `INSTA_UPDATE=always cargo test --test bilingual`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const FILES: [&str; 3] = [
    "fixtures/bilingual/app.xlf",
    "fixtures/bilingual/article.xlf",
    "fixtures/bilingual/messages.po",
];
const ALIGNED: [&str; 2] = [
    "fixtures/bilingual/aligned/source.zh.txt",
    "fixtures/bilingual/aligned/target.en.txt",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `mtlint check` from the repository root, without config or cache (the grammar data is
/// embedded, so the English checks are the same everywhere).
fn check(args: &[&str]) -> (i32, String, String) {
    let o = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["check", "--no-config", "--no-cache", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn jsonl(args: &[&str]) -> Vec<Value> {
    let mut a = vec!["--format", "jsonl"];
    a.extend_from_slice(args);
    let (code, out, err) = check(&a);
    assert!(code == 0 || code == 1, "{args:?}: exit {code}: {err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// (rule, line) of every diagnostic.
fn hits(ds: &[Value]) -> Vec<(String, u64)> {
    ds.iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn line_of(file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {file}"));
    text[..at].matches('\n').count() as u64 + 1
}

#[test]
fn snapshots_of_every_bilingual_fixture() {
    for f in FILES {
        let name = Path::new(f)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('.', "_");
        let (code, out, err) = check(&[f]);
        insta::assert_snapshot!(
            format!("human_{name}"),
            format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
        );
    }
    let (code, out, err) = check(&["--source", ALIGNED[0], ALIGNED[1]]);
    insta::assert_snapshot!(
        "human_aligned",
        format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
    );
}

#[test]
fn every_span_is_inside_a_target_or_its_source_element() {
    for f in FILES {
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        for d in jsonl(&[f]) {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let flagged = &text[s..e];
            // Never a piece of markup: no element boundary, no PO quote or keyword inside.
            assert!(
                !flagged.contains("</target>")
                    && !flagged.contains("<target")
                    && !flagged.contains("msgstr"),
                "{f}: {} flags {flagged:?}",
                d["rule"]
            );
            // Inside an element's content / a PO string: the line holds a target, a source
            // (a missing translation is reported on its source) or a continuation string.
            let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..text[s..].find('\n').map_or(text.len(), |i| s + i)];
            assert!(
                ["<target", "<source", "msgstr", "msgid", "\""]
                    .iter()
                    .any(|k| line.contains(k)),
                "{f}: {} on line {line:?}",
                d["rule"]
            );
        }
    }
}

#[test]
fn planted_errors_are_found() {
    let app = "fixtures/bilingual/app.xlf";
    let h = hits(&jsonl(&[app]));
    let want = [
        (
            "bilingual/placeholder-mismatch",
            line_of(app, "Uploading %s"),
        ),
        ("bilingual/number-mismatch", line_of(app, "3,500")),
        ("bilingual/missing-translation", line_of(app, "同步后")),
        (
            "bilingual/untranslated",
            line_of(app, "<target state=\"translated\">网络"),
        ),
        (
            "bilingual/fuzzy-translation",
            line_of(app, "needs-review-translation"),
        ),
    ];
    for (rule, line) in want {
        assert!(
            h.contains(&(rule.to_string(), line)),
            "{app}: no {rule} on line {line}: {h:?}"
        );
    }
    assert!(
        h.iter().any(
            |(r, l)| (r.contains("AGREEMENT") || r.starts_with("agreement/"))
                && *l == line_of(app, "The files was")
        ),
        "{h:?}"
    );

    let art = "fixtures/bilingual/article.xlf";
    let h = hits(&jsonl(&[art]));
    for (rule, line) in [
        ("bilingual/number-mismatch", line_of(art, "1,400")),
        ("bilingual/url-changed", line_of(art, "rheintalbahn.com")),
    ] {
        assert!(
            h.contains(&(rule.to_string(), line)),
            "{art}: no {rule} on line {line}: {h:?}"
        );
    }

    let po = "fixtures/bilingual/messages.po";
    let h = hits(&jsonl(&[po]));
    for (rule, line) in [
        (
            "bilingual/placeholder-mismatch",
            line_of(po, "msgstr \"Sync finished"),
        ),
        (
            "bilingual/fuzzy-translation",
            line_of(po, "Advanced parameters"),
        ),
        (
            "bilingual/missing-translation",
            line_of(po, "msgid \"Supprimer"),
        ),
    ] {
        assert!(
            h.contains(&(rule.to_string(), line)),
            "{po}: no {rule} on line {line}: {h:?}"
        );
    }

    let h = hits(&jsonl(&["--source", ALIGNED[0], ALIGNED[1]]));
    for (rule, line) in [
        ("bilingual/number-mismatch", 3),
        ("bilingual/untranslated", 5),
    ] {
        assert!(
            h.contains(&(rule.to_string(), line)),
            "aligned: no {rule} on line {line}: {h:?}"
        );
    }
}

#[test]
fn clean_units_draw_no_bilingual_finding() {
    // Lines of units the fixtures' README lists as correct on purpose.
    let cases = [
        ("fixtures/bilingual/article.xlf", "2.7 million"),
        ("fixtures/bilingual/article.xlf", "rheintalbahn.de/fahrplan"),
        ("fixtures/bilingual/app.xlf", "{count} files selected"),
        ("fixtures/bilingual/app.xlf", "delete {count} items"),
        ("fixtures/bilingual/messages.po", "%(name)s"),
        ("fixtures/bilingual/messages.po", "%d note deleted"),
    ];
    for (f, needle) in cases {
        let line = line_of(f, needle);
        let bad: Vec<_> = hits(&jsonl(&[f]))
            .into_iter()
            .filter(|(r, l)| r.starts_with("bilingual/") && *l == line)
            .collect();
        assert!(bad.is_empty(), "{f}:{line} ({needle}): {bad:?}");
    }
}

#[test]
fn malformed_files_are_errors_with_line_and_column_and_the_rest_is_checked() {
    let (code, out, err) = check(&[
        "fixtures/bilingual/malformed/unclosed.xlf",
        "fixtures/bilingual/malformed/bad-escape.po",
        "fixtures/bilingual/malformed/missing-msgstr.po",
        "fixtures/bilingual/app.xlf",
    ]);
    assert_eq!(code, 2, "{err}");
    for want in [
        "error: fixtures/bilingual/malformed/unclosed.xlf:17:7: ",
        "error: fixtures/bilingual/malformed/bad-escape.po:12:24: bad escape \\q",
        "error: fixtures/bilingual/malformed/missing-msgstr.po:12:1: msgid without msgstr",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(
        out.contains("fixtures/bilingual/app.xlf:"),
        "app.xlf still checked:\n{out}"
    );
}

#[test]
fn fix_keeps_xliff_and_po_valid_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    // A safe fix next to entities and escapes: the doubled word before "&amp;", "\"".
    let xlf = dir.path().join("t.xlf");
    std::fs::write(
        &xlf,
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"de\" target-language=\"en\" datatype=\"plaintext\" original=\"x\"><body>\n<trans-unit id=\"1\"><source>Forschung &amp; Lehre</source><target>Research and and teaching &amp; more</target></trans-unit>\n</body></file></xliff>\n",
    )
    .unwrap();
    let po = dir.path().join("t.po");
    std::fs::write(
        &po,
        "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgid \"Klicken Sie auf \\\"OK\\\"\"\nmsgstr \"Click the the \\\"OK\\\" button\"\n",
    )
    .unwrap();
    for p in [&xlf, &po] {
        let p = p.to_str().unwrap();
        let (code, _, err) = check(&["--fix", p]);
        assert!(code == 0 || code == 1, "{err}");
        let fixed = std::fs::read_to_string(p).unwrap();
        assert!(
            !fixed.contains("and and") && !fixed.contains("the the"),
            "{fixed}"
        );
        assert!(
            fixed.contains("&amp; more") || fixed.contains("\\\"OK\\\""),
            "{fixed}"
        );
        // Still parses (a malformed file would be exit 2), and a second --fix changes nothing.
        let (code, _, err) = check(&["--fix", p]);
        assert!(code == 0 || code == 1, "{err}");
        assert_eq!(std::fs::read_to_string(p).unwrap(), fixed);
    }
}

#[test]
fn every_output_format_works_on_bilingual_files() {
    for format in ["human", "json", "jsonl", "sarif", "github"] {
        let (code, out, err) = check(&["--format", format, FILES[0], FILES[2]]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(
            out.contains("bilingual/number-mismatch")
                || out.contains("bilingual/placeholder-mismatch"),
            "{format}:\n{out}"
        );
    }
}

#[test]
fn a_target_that_is_not_english_gets_only_the_bilingual_checks() {
    let all = jsonl(&[FILES[0]]);
    assert!(all
        .iter()
        .any(|d| !d["rule"].as_str().unwrap().starts_with("bilingual/")));
    let de = jsonl(&["--target-lang", "de", FILES[0]]);
    assert!(!de.is_empty());
    assert!(
        de.iter()
            .all(|d| d["rule"].as_str().unwrap().starts_with("bilingual/")),
        "{de:?}"
    );
}

#[test]
fn unaligned_pairs_and_source_without_one_target_are_errors() {
    let (code, _, err) = check(&["--source", "README.md", ALIGNED[1]]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot pair the files"), "{err}");
    let (code, _, err) = check(&["--source", ALIGNED[0], ALIGNED[1], FILES[0]]);
    assert_eq!(code, 2);
    assert!(err.contains("exactly one target"), "{err}");
}

/// Cases from review: each file must draw none of the listed rules (and render in every format).
#[test]
fn software_strings_do_not_cry_wolf() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            // Russian plural: msgstr[0] covers 21, 31, … and has %d though msgid has none.
            "plural.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n\"\n\n#, c-format\nmsgid \"One file was deleted\"\nmsgid_plural \"%d files were deleted\"\nmsgstr[0] \"%d файл удалён\"\nmsgstr[1] \"%d файла удалены\"\nmsgstr[2] \"%d файлов удалено\"\n",
            &["bilingual/placeholder-mismatch"],
        ),
        (
            // A URL split over continuation lines in both strings.
            "url.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgid \"\"\n\"Lizenz: https://www.example.org/licenses/\"\n\"gpl-3.0.html gilt.\"\nmsgstr \"\"\n\"License: https://www.example.org/licenses/\"\n\"gpl-3.0.html applies.\"\n",
            &["bilingual/url-changed"],
        ),
        (
            // GNU-style lower-case messages.
            "lower.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgid \"kann die Datei %s nicht öffnen\"\nmsgstr \"cannot open the file %s\"\n",
            &["capitalization/sentence-start"],
        ),
        (
            // Pretty-printed XLIFF: line breaks and indentation around the source only.
            "pretty.xlf",
            "<xliff version=\"2.0\" srcLang=\"de\" trgLang=\"en\"><file id=\"f\"><unit id=\"1\"><segment>\n  <source>\n    Die Datei wurde gespeichert.\n  </source>\n  <target>The file was saved.</target>\n</segment></unit></file></xliff>\n",
            &["bilingual/whitespace"],
        ),
        (
            // The same source twice, translated the same: not a repeated block.
            "twice.xlf",
            "<xliff version=\"2.0\" srcLang=\"de\" trgLang=\"en\"><file id=\"f\">\n<unit id=\"1\"><segment><source>Die Änderungen wurden gespeichert, und die Sitzung wird jetzt beendet.</source><target>The changes were saved, and the session is now being closed.</target></segment></unit>\n<unit id=\"2\"><segment><source>Die Änderungen wurden gespeichert, und die Sitzung wird jetzt beendet.</source><target>The changes were saved, and the session is now being closed.</target></segment></unit>\n</file></xliff>\n",
            &["repetition/"],
        ),
    ];
    for (name, text, rules) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let p = p.to_str().unwrap();
        for d in jsonl(&[p]) {
            let r = d["rule"].as_str().unwrap();
            assert!(!rules.iter().any(|x| r.starts_with(x)), "{name}: {d}");
        }
    }
    // Multi-byte text at the edge of a whitespace finding renders in every format.
    let p = dir.path().join("copy.po");
    std::fs::write(
        &p,
        "msgid \"\"\nmsgstr \"\"\n\"Language: zh_CN\\n\"\n\nmsgid \" (copy)\"\nmsgstr \"（副本）\"\n",
    )
    .unwrap();
    for format in ["human", "json", "jsonl", "sarif", "github"] {
        let (code, out, err) = check(&["--format", format, p.to_str().unwrap()]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("bilingual/whitespace"), "{format}: {out}");
    }
}

#[test]
fn glossary_from_the_config_flags_forbidden_and_missing_terms() {
    let cfg = "fixtures/bilingual/mtlint.toml";
    let a = |args: &[&str]| -> Vec<Value> {
        let o = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(root())
            .args(["check", "--no-cache", "--format", "jsonl", "--config", cfg])
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.code() == Some(0) || o.status.code() == Some(1));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let art = "fixtures/bilingual/article.xlf";
    let h = hits(&a(&[art]));
    assert!(
        h.contains(&(
            "bilingual/forbidden-term".to_string(),
            line_of(art, "transit authority")
        )),
        "{h:?}"
    );
    // "photos" is an inflected "photo": no finding in app.xlf.
    assert!(!hits(&a(&["fixtures/bilingual/app.xlf"]))
        .iter()
        .any(|(r, _)| r.starts_with("bilingual/glossary") || r == "bilingual/forbidden-term"));
    // A malformed glossary line is a usage error with its line and column.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g.tsv"), "ok\tfine\nno tab here\n").unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[bilingual]\nglossary = \"g.tsv\"\n",
    )
    .unwrap();
    let o = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(root())
        .args(["check", "--no-cache", "--config"])
        .arg(dir.path().join("mtlint.toml"))
        .arg(art)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("g.tsv:2:1:"), "{err}");
}

#[test]
fn one_source_translated_differently_in_two_files_is_reported_on_the_later_one() {
    let dir = tempfile::tempdir().unwrap();
    let po = |target: &str| {
        format!(
            "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgid \"Einstellungen speichern\"\nmsgstr \"{target}\"\n"
        )
    };
    std::fs::write(dir.path().join("a.po"), po("Save settings")).unwrap();
    std::fs::write(dir.path().join("b.po"), po("Store preferences")).unwrap();
    std::fs::write(dir.path().join("c.po"), po("Save settings")).unwrap();
    let ds = jsonl(&[dir.path().to_str().unwrap()]);
    let hits: Vec<_> = ds
        .iter()
        .filter(|d| d["rule"] == "bilingual/inconsistent-translation")
        .collect();
    assert_eq!(hits.len(), 1, "{ds:?}");
    let d = hits[0];
    assert!(d["path"].as_str().unwrap().ends_with("b.po"), "{d}");
    assert_eq!(d["line"], 6);
    assert!(d["message"].as_str().unwrap().contains("a.po:5"), "{d}");
    // Off when the rule is disabled.
    let ds = jsonl(&[
        "--disable",
        "bilingual/inconsistent-translation",
        dir.path().to_str().unwrap(),
    ]);
    assert!(ds
        .iter()
        .all(|d| d["rule"] != "bilingual/inconsistent-translation"));
}

#[test]
fn tmx_units_are_checked_like_xliff() {
    let f = "fixtures/bilingual/memory.tmx";
    let h = hits(&jsonl(&[f]));
    assert_eq!(
        h.iter()
            .filter(|(r, _)| r.starts_with("bilingual/"))
            .collect::<Vec<_>>(),
        [&(
            "bilingual/number-mismatch".to_string(),
            line_of(f, "lasted 54")
        )],
        "{h:?}"
    );
}
