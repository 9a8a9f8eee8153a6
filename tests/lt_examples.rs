//! LanguageTool's rules are tested through their own examples, as mtlint's rules are
//! (tests/rule_examples.rs): every rule of the embedded data runs its LanguageTool examples under
//! nlprule, and the rules that fail them are exactly those listed in
//! `data/nlprule/failing-examples.txt`, which mtlint turns off by default.
//!
//! When the data changes, regenerate the list: `MTLINT_BLESS=1 cargo test --test lt_examples`.

use mtlint::config::{Config, GrammarMode};
use mtlint::grammar::{self, selection};
use std::path::Path;

#[test]
fn rules_failing_their_own_examples_are_listed_and_off() {
    let mut c = Config::default();
    c.grammar.mode = Some(GrammarMode::Require);
    // Every rule on, so that every rule is loaded and tested.
    c.rules.enable.push("lt/".into());
    let g = grammar::setup(&c).unwrap().expect("embedded grammar data");
    let loaded = g.load().expect("the embedded tokenizer loads");
    let failing = selection::failing_rules(g.index().rules(), &loaded.tokenizer);
    let rules_bytes = g.source().rules().unwrap();
    let hash = blake3::hash(&rules_bytes).to_hex().to_string();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nlprule/failing-examples.txt");
    let expected = selection::format_list(&hash, &failing);
    if std::env::var_os("MTLINT_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let listed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        listed == expected,
        "{} is stale: {} rules fail their examples now; regenerate it with \
         `MTLINT_BLESS=1 cargo test --test lt_examples`",
        path.display(),
        failing.len()
    );
    // Most rules pass their examples; those that fail are off by default, whatever else says.
    let total = g.rules().len();
    assert_eq!(g.index().rules().count(), total);
    assert!(
        failing.len() * 5 < total,
        "{} of {total} fail",
        failing.len()
    );
    for id in &failing {
        let m = g
            .rules()
            .iter()
            .find(|m| m.id == format!("{}{id}", grammar::ID_PREFIX))
            .unwrap();
        assert!(!m.default_enabled, "{id} fails its examples but is on");
    }
    // And a rule that passes stays as LanguageTool and mtlint's selection say.
    let was_been = g
        .rules()
        .iter()
        .find(|m| m.id == "lt/GRAMMAR/WAS_BEEN/1")
        .unwrap();
    assert!(was_been.default_enabled);
}
