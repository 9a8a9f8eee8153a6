//! Pattern rules with part-of-speech fields end to end: the grammar engine's tokenizer is loaded
//! for them even when every LanguageTool rule is off, their suggestions are inflected through the
//! tagger lexicon, and the nlprule tags they are designed on are what the tagger gives.

mod grammar_common;

use mtlint::config::{Config, GrammarMode};
use mtlint::document::Document;
use mtlint::source::SourceKind;
use mtlint::Linter;

/// A linter with only `enable` on (LanguageTool rules off), with the nlprule data.
fn linter_with(data: std::path::PathBuf, enable: &[&str]) -> Linter {
    let mut c = Config::default();
    c.grammar.nlprule_dir_flag = Some(data);
    c.rules.disable.push("all".into());
    c.rules.enable.extend(enable.iter().map(|s| s.to_string()));
    mtlint::registry::linter(c).unwrap()
}

/// (rule, flagged text, first suggestion) of each diagnostic.
fn found(linter: &Linter, text: &str) -> Vec<(String, String, Option<String>)> {
    linter
        .check_text(text, SourceKind::Plain)
        .into_iter()
        .map(|d| {
            (
                d.rule.clone(),
                text[d.span.clone()].to_string(),
                d.suggestions.first().cloned(),
            )
        })
        .collect()
}

#[test]
fn pos_rules_load_the_tokenizer_when_no_lt_rule_is_on() {
    let data = grammar_common::data_dir();
    let linter = linter_with(data.clone(), &["grammar/should-inversion-finite"]);
    let g = linter.grammar().expect("grammar engine set up");
    assert!(!g.any_rule_enabled(), "every LanguageTool rule is off");
    assert!(
        linter
            .rule("grammar/should-inversion-finite")
            .unwrap()
            .needs_pos
    );
    let text = "There will be no gas for the bloc should Moscow retaliates.";
    assert_eq!(
        found(&linter, text),
        [(
            "grammar/should-inversion-finite".to_string(),
            "retaliates".to_string(),
            Some("retaliate".to_string())
        )]
    );
    assert!(g.lexicon().is_some(), "the tokenizer was loaded");

    // No POS rule and no LT rule enabled: nlprule is not run (the tokenizer is not loaded).
    let plain = linter_with(data, &["calque/possessive-son"]);
    assert!(found(&plain, text).is_empty());
    assert!(plain.grammar().unwrap().lexicon().is_none());
}

#[test]
fn pos_rules_are_silent_without_the_grammar_engine() {
    let mut c = Config::default();
    c.grammar.mode = Some(GrammarMode::Off);
    let linter = mtlint::registry::linter(c).unwrap();
    assert!(linter.grammar().is_none());
    let d = linter.check_text(
        "The EU prepared for refugees should Russia is invading Ukraine.",
        SourceKind::Plain,
    );
    assert!(
        d.iter().all(|d| !d.rule.starts_with("grammar/should")),
        "{d:?}"
    );
}

#[test]
fn pos_rule_suggestions_are_inflected() {
    let data = grammar_common::data_dir();
    let linter = linter_with(data, &["grammar/*", "article/there-is-countable"]);
    let cases = [
        (
            "The EU prepared for refugees should Russia is invading Ukraine.",
            "grammar/should-inversion-progressive",
            "is invading",
            "invade",
        ),
        (
            "Others said that this amount to an escalation.",
            "grammar/this-verb-to",
            "amount",
            "amounts",
        ),
        (
            "They expect a compromise that help avoid hostilities.",
            "grammar/relative-singular-agreement",
            "help",
            "helps",
        ),
        (
            "It has no intention of embrace it.",
            "grammar/preposition-verb-object",
            "of embrace",
            "of embracing",
        ),
        (
            "Is there alternative to sanctions?",
            "article/there-is-countable",
            "alternative",
            "an alternative",
        ),
    ];
    for (text, rule, span, fix) in cases {
        let f = found(&linter, text);
        assert!(
            f.contains(&(rule.to_string(), span.to_string(), Some(fix.to_string()))),
            "{text}: {f:?}"
        );
    }
}

/// The readings (tags) nlprule gives each word of `text`, by word.
fn tags(g: &mtlint::grammar::Grammar, text: &str) -> Vec<(String, Vec<String>)> {
    let mut doc = Document::new(text, SourceKind::Plain);
    let a = g.analyze(&doc.text, &doc.blocks).expect("tokenizer loads");
    doc.analysis = Some(a.token_analysis(&doc.tokens));
    let an = doc.analysis.as_ref().unwrap();
    doc.tokens
        .iter()
        .zip(an)
        .map(|(t, a)| {
            (
                t.text(&doc.text).to_string(),
                a.tags.iter().map(|(_, t)| t.clone()).collect(),
            )
        })
        .collect()
}

/// The facts about nlprule's tags that the rules in rules/grammar-pos.toml rely on.
#[test]
fn nlprule_tags_the_rules_are_designed_on() {
    let data = grammar_common::data_dir();
    let linter = linter_with(data, &["grammar/*"]);
    let g = linter.grammar().unwrap();
    let of = |text: &str, word: &str| -> Vec<String> {
        tags(g, text)
            .into_iter()
            .find(|(w, _)| w == word)
            .unwrap_or_else(|| panic!("{word} in {text}"))
            .1
    };
    let has = |t: &[String], tag: &str| t.iter().any(|x| x == tag);
    // Disambiguation is light: "help" after "that" keeps its noun and verb readings.
    let help = of("a compromise that help avoid the hostilities", "help");
    assert!(
        has(&help, "VB") && has(&help, "VBP") && has(&help, "NN:U"),
        "{help:?}"
    );
    assert_eq!(of("should Moscow retaliates", "Moscow"), ["NNP"]);
    assert_eq!(of("should Moscow retaliates", "retaliates"), ["VBZ"]);
    let reduced = of("should it reduced sales", "reduced");
    assert!(has(&reduced, "VBD") && !has(&reduced, "VB"), "{reduced:?}");
    // Countable-only nouns are NN, mass nouns NN:U, both NN:UN.
    let join = of("countries at join as members", "join");
    assert!(has(&join, "NN") && has(&join, "VB"), "{join:?}");
    assert!(has(&of("criticized for refuse to", "refuse"), "NN:U"));
    // Mass-noun homographs are NN:UN (the rules need an object after them to call them verbs);
    // "plans" after a name is only a noun (what-plans-do goes by lemma).
    assert!(has(&of("the cost of work is high", "work"), "NN:UN"));
    assert_eq!(of("what Moscow plans do", "plans"), ["NNS"]);
}
