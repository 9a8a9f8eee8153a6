//! `spelling/unknown-word` through the mtlint binary with the nlprule data: suggestions, the user
//! dictionary (`words` and `words_file`), non-words, and the path without data.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const RULE: &str = "spelling/unknown-word";

/// mtlint run in `home` with no inherited data directory and an empty user data directory.
fn mtlint(home: &Path) -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.env_remove("MTLINT_NLPRULE_DIR")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .current_dir(home);
    c
}

/// The spelling diagnostics of `text` (as file `name` in a fresh directory holding `config`, if
/// any, as mtlint.toml): (flagged text, suggestions), with the embedded grammar data.
fn spelling(name: &str, text: &str, config: Option<&str>) -> Vec<(String, Vec<String>)> {
    let home = tempfile::tempdir().unwrap();
    if let Some(c) = config {
        std::fs::write(home.path().join("mtlint.toml"), c).unwrap();
        std::fs::write(
            home.path().join("words.txt"),
            "# project words\ngoverment\n",
        )
        .unwrap();
    }
    std::fs::write(home.path().join(name), text).unwrap();
    let out = mtlint(home.path())
        .args(["check", "--format", "jsonl", name])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    diagnostics(&out.stdout, text)
}

fn diagnostics(stdout: &[u8], text: &str) -> Vec<(String, Vec<String>)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|d| d["rule"] == RULE)
        .map(|d| {
            assert_eq!(d["category"], "spelling");
            assert_eq!(d["severity"], "warning");
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let sugg = d["suggestions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            (text[s..e].to_string(), sugg)
        })
        .collect()
}

fn words(found: &[(String, Vec<String>)]) -> Vec<&str> {
    found.iter().map(|(w, _)| w.as_str()).collect()
}

#[test]
fn misspelling_is_flagged_with_the_right_word_first() {
    let found = spelling("a.txt", "We recieve letters.\n", None);
    assert_eq!(words(&found), ["recieve"], "{found:?}");
    assert_eq!(found[0].1.first().map(String::as_str), Some("receive"));
    assert!(found[0].1.len() <= 3);

    // Capitalisation is kept; exact spans after multi-byte text and CRLF.
    let text = "Café “news” — first line.\r\nRecieve the letters, said the goverment.\r\n";
    let found = spelling("b.txt", text, None);
    assert_eq!(words(&found), ["Recieve", "goverment"], "{found:?}");
    assert_eq!(found[0].1[0], "Receive");
    assert_eq!(found[1].1[0], "government");
}

#[test]
fn correct_english_names_and_non_words_are_not_flagged() {
    let text = "The central bank raised interest rates on Tuesday, citing persistent inflation.\n\
                Foreign Minister Dmytro Kuleba said Kyiv’s partners don't share NATO’s view; \
                they’re re-examining the colour and color of the G7’s pre-war plans.\n\
                See https://example.com/recieve, mail recieve@example.org or read recieve.txt.\n";
    let found = spelling("clean.txt", text, None);
    assert!(found.is_empty(), "{found:?}");
    let md = "# Notes\n\nCall `recieve_all()` or `recieve` and see [the docs](https://x.org/recieve).\n\n\
              ```\nwe recieve code\n```\n";
    let found = spelling("a.md", md, None);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn user_dictionary_from_config_words_and_words_file() {
    let text = "Kuleba said we recieve letters from the goverment.\n";
    let found = spelling("a.txt", text, Some(""));
    assert_eq!(words(&found), ["recieve", "goverment"], "{found:?}");
    let found = spelling(
        "a.txt",
        text,
        Some("words = [\"Kuleba\", \"Recieve\"]\nwords_file = \"words.txt\"\n"),
    );
    assert!(found.is_empty(), "{found:?}");
    let found = spelling("a.txt", text, Some("words = [\"recieve\"]\n"));
    assert_eq!(words(&found), ["goverment"], "{found:?}");
}

#[test]
fn unreadable_words_file_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("mtlint.toml"),
        "words_file = \"missing.txt\"\n",
    )
    .unwrap();
    std::fs::write(home.path().join("a.txt"), "Text.\n").unwrap();
    let out = mtlint(home.path())
        .args(["check", "--grammar", "off", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt"), "{err}");
}

#[test]
fn without_data_nothing_is_flagged() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("a.txt"), "We recieve letters.\n").unwrap();
    std::fs::create_dir(home.path().join("empty")).unwrap();
    // A data directory without the data (the embedded data is not used then), or the grammar off.
    for extra in [&["--nlprule-dir", "empty"][..], &["--grammar", "off"][..]] {
        let out = mtlint(home.path())
            .args(["check", "--format", "jsonl"])
            .args(extra)
            .arg("a.txt")
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        assert!(
            diagnostics(&out.stdout, "We recieve letters.\n").is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn rule_is_listed_and_explained() {
    let home = tempfile::tempdir().unwrap();
    let out = mtlint(home.path())
        .args(["explain", RULE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("recieve") && s.contains("words"), "{s}");
}

/// The rule's own examples and counter-examples, through the library with the real lexicon.
#[test]
fn examples_and_counter_examples_hold_with_the_real_lexicon() {
    let mut config = mtlint::config::Config::default();
    config.grammar.mode = Some(mtlint::config::GrammarMode::Require);
    let linter = mtlint::registry::linter(config).unwrap();
    let meta = linter.rule(RULE).expect("listed").clone();
    assert!(meta.examples.len() >= 2 && meta.counter_examples.len() >= 3);
    let run = |text: &str| {
        linter
            .check_text(text, mtlint::source::SourceKind::Plain)
            .into_iter()
            .filter(|d| d.rule == RULE)
            .collect::<Vec<_>>()
    };
    for (example, fixed) in &meta.examples {
        let (open, close) = (example.find('[').unwrap(), example.find(']').unwrap());
        let text = example.replace(['[', ']'], "");
        let found = run(&text);
        assert_eq!(found.len(), 1, "{example}: {found:?}");
        assert_eq!(found[0].span, open..close - 1, "{example}");
        assert_eq!(found[0].suggestions.first(), fixed.as_ref(), "{example}");
    }
    for counter in &meta.counter_examples {
        let found = run(counter);
        assert!(found.is_empty(), "{counter}: {found:?}");
    }
}
