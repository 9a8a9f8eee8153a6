//! Every rule of the embedded packs is tested through its own examples: each example
//! (brackets mark the span) must draw exactly one diagnostic of the rule, on that span,
//! with the given fix as first suggestion; no counter-example may draw one.
//!
//! Rules that use part-of-speech fields (`[pos]`) run with the grammar data embedded in the
//! binary (`data/nlprule/`).

use mtlint::config::Config;
use mtlint::rules::{builtin, verify, RuleSet};
use mtlint::source::SourceKind;
use mtlint::Linter;
use std::path::Path;

/// A linter where only the rules of the embedded packs are on (default-off ones too), with the
/// embedded grammar data (POS analysis and inflection; LanguageTool's rules stay off).
/// The linter is `unmerged`: no rule hides another's diagnostic on the same text, so looking
/// at one rule's diagnostics is the same as running a linter with that rule alone (and builds
/// the linter once).
fn pack_linter(set: &RuleSet) -> Linter {
    let mut config = Config::default();
    config.grammar.mode = Some(mtlint::config::GrammarMode::Require);
    let rules: Vec<_> = set.compiled().iter().map(|r| r.meta.clone()).collect();
    mtlint::registry::linter(verify::config_for(config, &rules))
        .expect("the embedded packs compile")
        .unmerged()
}

#[test]
fn every_embedded_rule_passes_its_examples() {
    let set = RuleSet::embedded().unwrap_or_else(|e| panic!("embedded packs do not compile: {e}"));
    let linter = pack_linter(&set);
    let rules: Vec<_> = set.compiled().iter().map(|r| r.meta.clone()).collect();
    let report = verify::verify(&rules, &linter, &builtin::sources());
    let pos = rules.iter().filter(|m| m.needs_pos).count();
    assert!(report.examples > 0, "no example was checked");
    assert!(pos > 0, "no POS rule was checked");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(
        linter.grammar().is_some_and(|g| g.lexicon().is_some()),
        "the POS rules ran with the tagger loaded"
    );
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_enough_examples_and_counter_examples() {
    let set = RuleSet::embedded().unwrap();
    let mut thin = Vec::new();
    for r in set.compiled() {
        let m = &r.meta;
        if m.examples.len() < 2 || m.counter_examples.len() < 3 {
            thin.push(format!(
                "{} ({} examples, {} counter-examples)",
                m.id,
                m.examples.len(),
                m.counter_examples.len()
            ));
        }
        if m.description.is_empty() {
            thin.push(format!("{} has no description", m.id));
        }
        if r.fix != mtlint::FixSafety::None && m.examples.iter().any(|(_, f)| f.is_none()) {
            thin.push(format!(
                "{} suggests fixes but an example has no `fix`",
                m.id
            ));
        }
    }
    assert!(
        thin.is_empty(),
        "rules need at least 2 examples, 3 counter-examples and a description:\n{}",
        thin.join("\n")
    );
}

#[test]
fn every_pack_file_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("rules/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = builtin::PACKS.iter().map(|(p, _)| p.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded, "add the pack to src/rules/builtin.rs");
}

#[test]
fn pack_rules_are_listed_with_their_origin() {
    let linter = mtlint::registry::linter(Config::default()).unwrap();
    let m = linter.rule("calque/possessive-son").expect("listed");
    assert_eq!(m.origin, "rules/calques.toml");
    assert!(!m.examples.is_empty());
    for r in linter
        .rules()
        .iter()
        .filter(|r| r.origin.starts_with("rules/"))
    {
        assert!(r.id.contains('/'), "{}", r.id);
    }
}

/// The pattern-tier items of the seed article that the packs must find (with the rule that finds them).
#[test]
fn seed_article_pattern_items() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt"),
    )
    .unwrap();
    let linter = mtlint::registry::linter(Config::default()).unwrap();
    let diags = linter.check_text(&text, SourceKind::Plain);
    let expect = [
        ("son territory", "calque/possessive-son", "its territory"),
        ("son ally", "calque/possessive-son", "its ally"),
        (
            "locked down in a bitter conflict",
            "calque/locked-down-in-conflict",
            "locked",
        ),
        ("launch back its forces", "calque/launch-back", "pull back"),
        (
            "confidences-building",
            "calque/pluralised-compound-modifier",
            "confidence-building",
        ),
        ("The Ukraine", "names/the-ukraine", "Ukraine"),
        ("Kiev", "names/kiev", "Kyiv"),
        ("block should", "calque/block-for-bloc", "bloc"),
        ("that block was", "calque/block-for-bloc", "bloc"),
        (
            "strengthened up troops",
            "particles/strengthen-up",
            "strengthened",
        ),
        (
            "intensifying them up",
            "particles/intensify-up",
            "intensifying them",
        ),
        (
            "spoken conditionally of anonymity",
            "calque/conditionally-of-anonymity",
            "on condition of anonymity",
        ),
        (
            "Politics support",
            "calque/politics-as-adjective",
            "Political support",
        ),
        ("made logical", "calque/make-logical", "made sense"),
        ("Like head of Ministry", "calque/like-as-role", "As head"),
        (
            "organization for Security",
            "capitalization/osce",
            "Organization",
        ),
        ("talks with west", "capitalization/the-west", "the West"),
    ];
    let mut missing = Vec::new();
    for (snippet, rule, fix) in expect {
        let at = text.find(snippet).unwrap();
        let hit = diags
            .iter()
            .find(|d| d.rule == rule && d.span.start < at + snippet.len() && at < d.span.end);
        match hit {
            Some(d) if d.suggestions.first().map(String::as_str) == Some(fix) => {}
            Some(d) => missing.push(format!(
                "{snippet:?}: {rule} suggests {:?}, expected {fix:?}",
                d.suggestions
            )),
            None => missing.push(format!("{snippet:?}: no {rule} diagnostic")),
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// A user rule pack with one rule, `house/zzyzx`, flagging the word "zzyzx".
const HOUSE_PACK: &str = "[[rule]]\nid = \"house/zzyzx\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"no zzyzx\"\npattern = [{ word = \"zzyzx\" }]\n";

/// Runs the real binary in `dir`.
fn mtlint_in(dir: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A malformed user pack stops the CLI with exit status 2 and `path:line:column: message`.
#[test]
fn malformed_user_pack_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[rules]\ndirs = [\"packs\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("packs/house.toml"),
        "[[rule]]\nid = \"house/x\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"s\"\npattern = [{ regex = \"(\" }]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "Some text.\n").unwrap();
    let out = mtlint_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("house.toml:6:12:") && err.contains("regex"),
        "{err}"
    );

    // a good user pack is loaded and listed with its origin
    std::fs::write(dir.path().join("packs/house.toml"), HOUSE_PACK).unwrap();
    std::fs::write(dir.path().join("a.txt"), "A zzyzx here.\n").unwrap();
    let out = mtlint_in(dir.path(), &["check", "--format", "jsonl", "a.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"rule\":\"house/zzyzx\"") && stdout.contains("\"start\":2"),
        "{stdout}"
    );
    let out = mtlint_in(dir.path(), &["explain", "house/zzyzx"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("house.toml"));
}

#[test]
fn a_config_file_in_a_rule_directory_is_not_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), "[rules]\ndirs = [\".\"]\n").unwrap();
    std::fs::write(dir.path().join("house.toml"), HOUSE_PACK).unwrap();
    std::fs::write(dir.path().join("a.txt"), "A zzyzx here.\n").unwrap();
    let out = mtlint_in(
        dir.path(),
        &["check", "--grammar", "off", "--format", "jsonl", "a.txt"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"rule\":\"house/zzyzx\""),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
