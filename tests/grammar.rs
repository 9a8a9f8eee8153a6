//! LanguageTool rules through the mtlint binary: exact spans in plain text and Markdown, rule
//! listing and configuration, where the data comes from (embedded, or a directory that overrides
//! it) and the paths without data (auto, require, off).

mod grammar_common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// mtlint with no config, no inherited data directory and an empty user data directory: the
/// embedded grammar data.
fn mtlint(home: &Path) -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.env_remove("MTLINT_NLPRULE_DIR")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .current_dir(home);
    c
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// (rule, start, end) of each diagnostic.
fn spans(out: &[u8]) -> Vec<(String, usize, usize)> {
    jsonl(out)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn at(text: &str, needle: &str) -> (usize, usize) {
    let s = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    (s, s + needle.len())
}

/// Checks `text` as file `name` with the embedded data; returns stdout.
fn check(name: &str, text: &str, extra: &[&str]) -> Vec<u8> {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join(name);
    std::fs::write(&file, text).unwrap();
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--format", "jsonl"])
        .args(extra)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    assert!(
        out.stderr.is_empty(),
        "no note with data: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// What fires on "was not been" in the 2026 data (WAS_BEEN/1 matches too; LanguageTool keeps the
/// later rule of two on the same text).
const WAS_BEEN: &str = "lt/GRAMMAR/BEEN_PART_AGREEMENT/5";
const MODAL_OF: &str = "lt/TYPOS/MODAL_OF/0";

#[test]
fn lt_rules_fire_with_exact_spans_in_plain_text() {
    // CRLF and multi-byte characters before the errors: spans are bytes of the original file.
    let text = "Café “news” — first line.\r\nShe was not been here since Monday.\r\nI could of done it.\r\n";
    let out = check("a.txt", text, &[]);
    let got = spans(&out);
    let (s, e) = at(text, "was not been");
    assert!(got.contains(&(WAS_BEEN.into(), s, e)), "{got:?}");
    let (s, e) = at(text, "could of");
    assert!(got.contains(&(MODAL_OF.into(), s, e)), "{got:?}");
    let d = jsonl(&out)
        .into_iter()
        .find(|d| d["rule"] == WAS_BEEN)
        .unwrap();
    assert_eq!(d["category"], "grammar");
    assert_eq!(d["severity"], "warning");
    assert_eq!(
        d["suggestions"],
        serde_json::json!(["was not being", "has not been"])
    );
    assert_eq!(d["line"], 2);
}

#[test]
fn lt_rules_fire_with_exact_spans_in_markdown() {
    let text = "# Notes\n\n- **Important:** she was not been here since Monday.\n- *Also* I could of done it, `x` said.\n\n```\nI could of done it.\n```\n";
    let out = check("a.md", text, &[]);
    let got = spans(&out);
    let (s, e) = at(text, "was not been");
    assert!(got.contains(&(WAS_BEEN.into(), s, e)), "{got:?}");
    let (s, e) = at(text, "could of");
    let modal: Vec<_> = got.iter().filter(|g| g.0 == MODAL_OF).collect();
    assert_eq!(
        modal,
        [&(MODAL_OF.to_string(), s, e)],
        "once, and not in the code block"
    );
}

#[test]
fn clean_news_english_gets_no_grammar_findings() {
    let text = "The central bank raised interest rates on Tuesday, citing persistent inflation.\n\
                Officials said the decision was unanimous and that further increases were possible.\n";
    let out = check("clean.txt", text, &[]);
    assert_eq!(spans(&out), vec![], "{}", String::from_utf8_lossy(&out));
}

#[test]
fn lt_rules_are_configurable_like_any_rule() {
    let text = "She was not been here since Monday. I could of done it.\n";
    // WAS_BEEN/1 flags the same words: both off.
    let both = format!("{WAS_BEEN},lt/GRAMMAR/WAS_BEEN/1");
    let out = check("a.txt", text, &["--disable", &both]);
    let rules: Vec<String> = spans(&out).into_iter().map(|s| s.0).collect();
    assert_eq!(rules, [MODAL_OF]);
    let out = check("a.txt", text, &["--disable", "lt/"]);
    assert!(out.is_empty());
    let out = check("a.txt", text, &["--disable", "grammar"]);
    let rules: Vec<String> = spans(&out).into_iter().map(|s| s.0).collect();
    assert_eq!(
        rules,
        [MODAL_OF],
        "category selectors work (TYPOS maps to spelling)"
    );
}

#[test]
fn rules_that_misfire_on_correct_english_are_off_by_default() {
    let text = "We cannot help but wonder, if there is a multiverse, is there another us?\n";
    let out = check("a.txt", text, &[]);
    assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    // ... and can be turned back on.
    let rule = "lt/PUNCTUATION/NO_COMMA_BEFORE_INDIRECT_QUESTION/0";
    let out = check("a.txt", text, &["--enable", rule]);
    let (s, e) = at(text, ", if");
    assert_eq!(spans(&out), [(rule.to_string(), s, e)]);
}

#[test]
fn lt_rules_are_listed_and_explained() {
    let data = grammar_common::data_dir();
    let home = tempfile::tempdir().unwrap();
    let out = mtlint(home.path())
        .args(["rules", "--no-config", "--format", "json", "--nlprule-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rules: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let lt: Vec<&Value> = rules
        .iter()
        .filter(|r| r["origin"] == "languagetool")
        .collect();
    assert!(lt.len() > 1000, "{}", lt.len());
    assert!(lt
        .iter()
        .all(|r| r["id"].as_str().unwrap().starts_with("lt/")));
    let wb = lt.iter().find(|r| r["id"] == WAS_BEEN).unwrap();
    assert_eq!(
        (wb["category"].as_str(), wb["enabled"].as_bool()),
        (Some("grammar"), Some(true))
    );
    // A typography convention: on (mtlint's selection, LanguageTool ships it off), at info.
    let quotes = lt
        .iter()
        .find(|r| r["id"] == "lt/TYPOGRAPHY/EN_QUOTES/2")
        .unwrap();
    assert_eq!(
        (quotes["severity"].as_str(), quotes["enabled"].as_bool()),
        (Some("info"), Some(true))
    );

    let out = mtlint(home.path())
        .args(["explain", WAS_BEEN, "--no-config", "--nlprule-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Origin: languagetool"), "{s}");
    assert!(
        s.contains('[') && s.contains("→"),
        "examples with the flagged span and the fix: {s}"
    );
}

/// A directory without nlprule data, named explicitly: grammar rules off (an explicit setting is
/// never silently skipped for the embedded data).
fn empty_dir(home: &Path) -> std::path::PathBuf {
    let empty = home.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    empty
}

#[test]
fn without_data_other_checks_run_and_a_note_is_printed_once() {
    let home = tempfile::tempdir().unwrap();
    let empty = empty_dir(home.path());
    let (a, b) = (home.path().join("a.txt"), home.path().join("b.txt"));
    std::fs::write(&a, "She was not been here since Monday.\n").unwrap();
    std::fs::write(&b, "I could of done it.\n").unwrap();
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--format", "jsonl", "--nlprule-dir"])
        .arg(&empty)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .matches("grammar rules (LanguageTool) are off")
            .count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains(&empty.display().to_string())
            && stderr.contains("--nlprule-dir")
            && stderr.contains("MTLINT_NLPRULE_DIR")
            && stderr.contains("embedded data"),
        "names the directory and says how to enable: {stderr}"
    );
    assert!(!spans(&out.stdout).iter().any(|s| s.0.starts_with("lt/")));

    // The exit status and every other finding are those of a run with LT rules disabled.
    let with = mtlint(home.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "jsonl",
            "--disable",
            "lt/",
        ])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), with.status.code());
    assert_eq!(out.stdout, with.stdout);
    // And `mtlint rules` lists exactly the non-LT rules.
    let ids = |out: &[u8]| -> Vec<String> {
        let v: Vec<Value> = serde_json::from_slice(out).unwrap();
        v.iter()
            .filter(|r| r["origin"] != "languagetool")
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let without = mtlint(home.path())
        .args(["rules", "--no-config", "--format", "json", "--nlprule-dir"])
        .arg(&empty)
        .output()
        .unwrap();
    let with = mtlint(home.path())
        .args(["rules", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(ids(&without.stdout), ids(&with.stdout));
    let all: Vec<Value> = serde_json::from_slice(&without.stdout).unwrap();
    assert_eq!(all.len(), ids(&without.stdout).len());
}

#[test]
fn require_without_data_is_exit_2_and_off_is_silent() {
    let home = tempfile::tempdir().unwrap();
    let empty = empty_dir(home.path());
    let a = home.path().join("a.txt");
    std::fs::write(&a, "Fine text.\n").unwrap();
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--grammar=require", "--nlprule-dir"])
        .arg(&empty)
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: grammar rules are required"),
        "{stderr}"
    );
    assert!(stderr.contains(&empty.display().to_string()), "{stderr}");

    // The same from the config file.
    std::fs::write(
        home.path().join("mtlint.toml"),
        "[grammar]\nmode = \"require\"\nnlprule_dir = \"empty\"\n",
    )
    .unwrap();
    let out = mtlint(home.path())
        .args(["check"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // The flag wins over the config.
    let out = mtlint(home.path())
        .args(["check", "--grammar=off"])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("grammar") && !stderr.contains("nlprule"),
        "off is silent: {stderr}"
    );
}

#[test]
fn data_directory_precedence() {
    let data = grammar_common::data_dir();
    let home = tempfile::tempdir().unwrap();
    let a = home.path().join("a.txt");
    std::fs::write(&a, "She was not been here since Monday.\n").unwrap();
    let empty = empty_dir(home.path());
    let fires = |out: &std::process::Output| spans(&out.stdout).iter().any(|s| s.0 == WAS_BEEN);

    // No setting: the embedded data, silently.
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--format", "jsonl"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(fires(&out) && out.stderr.is_empty(), "{out:?}");
    // --nlprule-dir beats the environment.
    let out = mtlint(home.path())
        .env("MTLINT_NLPRULE_DIR", &empty)
        .args(["check", "--no-config", "--format", "jsonl", "--nlprule-dir"])
        .arg(&data)
        .arg(&a)
        .output()
        .unwrap();
    assert!(fires(&out), "{out:?}");
    // The environment beats the config, and an explicit directory without data is not skipped.
    let cfg = home.path().join("proj");
    std::fs::create_dir_all(cfg.join("nlp")).unwrap();
    for f in ["en_tokenizer.bin.gz", "en_rules.bin.gz"] {
        std::os::unix::fs::symlink(data.join(f), cfg.join("nlp").join(f)).unwrap();
    }
    std::fs::write(
        cfg.join("mtlint.toml"),
        "[grammar]\nnlprule_dir = \"nlp\"\n",
    )
    .unwrap();
    let out = mtlint(home.path())
        .env("MTLINT_NLPRULE_DIR", &empty)
        .args(["check", "--format", "jsonl", "--config"])
        .arg(cfg.join("mtlint.toml"))
        .arg(&a)
        .output()
        .unwrap();
    assert!(!fires(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("$MTLINT_NLPRULE_DIR") && stderr.contains(&empty.display().to_string()),
        "{stderr}"
    );
    // The config's directory is relative to the config file, not to the working directory.
    let out = mtlint(home.path())
        .args(["check", "--format", "jsonl", "--config"])
        .arg(cfg.join("mtlint.toml"))
        .arg(&a)
        .output()
        .unwrap();
    assert!(fires(&out), "{out:?}");
    // With embedded data, the user data directory is not read (even a broken one).
    let user = home.path().join("data").join("mtlint").join("nlprule");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("en_tokenizer.bin"), "broken").unwrap();
    std::fs::write(user.join("en_rules.bin"), "broken").unwrap();
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--format", "jsonl"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(fires(&out) && out.stderr.is_empty(), "{out:?}");
}

#[test]
fn version_names_the_grammar_data_in_use() {
    let home = tempfile::tempdir().unwrap();
    let empty = empty_dir(home.path());
    let out = mtlint(home.path()).arg("--version").output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        s.starts_with(&format!("mtlint {}\n", env!("CARGO_PKG_VERSION")))
            && s.contains("grammar data: embedded (LanguageTool 6.9-SNAPSHOT"),
        "{s}"
    );
    let out = mtlint(home.path())
        .env("MTLINT_NLPRULE_DIR", grammar_common::data_dir())
        .arg("-V")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("(from $MTLINT_NLPRULE_DIR)"), "{s}");
    let out = mtlint(home.path())
        .env("MTLINT_NLPRULE_DIR", &empty)
        .arg("--version")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("grammar data: none ("), "{s}");
}

#[test]
fn unreadable_tokenizer_is_a_note_in_auto_mode_and_exit_2_with_require() {
    let data = grammar_common::data_dir();
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::os::unix::fs::symlink(data.join("en_rules.bin.gz"), bad.join("en_rules.bin.gz")).unwrap();
    // Read as bincode, this claims a string of 7e17 bytes: must be an error, not an allocation.
    std::fs::write(bad.join("en_tokenizer.bin"), "not a tokenizer\n").unwrap();
    let (a, b) = (home.path().join("a.txt"), home.path().join("b.txt"));
    std::fs::write(&a, "She was not been here since Monday.\n").unwrap();
    std::fs::write(&b, "I could of done it.\n").unwrap();
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--nlprule-dir"])
        .arg(&bad)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("cannot load").count(), 1, "{stderr}");
    let out = mtlint(home.path())
        .args(["check", "--no-config", "--grammar=require", "--nlprule-dir"])
        .arg(&bad)
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("required") && stderr.contains("cannot load"),
        "{stderr}"
    );
}

#[test]
fn a_repeated_sentence_is_analysed_once_and_flagged_everywhere() {
    // The same sentence at a block start, after another sentence, and in another block: each
    // occurrence gets the LanguageTool finding at its own bytes.
    let s = "I could of done it.";
    let text = format!("{s} Fine text here. {s}\n\nCafé time. {s}\n\n{s}\n");
    let got = spans(&check("a.txt", &text, &[]));
    let starts: Vec<usize> = text.match_indices(s).map(|(i, _)| i + 2).collect();
    let modal: Vec<(usize, usize)> = got
        .iter()
        .filter(|g| g.0 == MODAL_OF)
        .map(|g| (g.1, g.2))
        .collect();
    assert_eq!(
        modal,
        starts.iter().map(|&i| (i, i + 8)).collect::<Vec<_>>(),
        "{got:?}"
    );
}
