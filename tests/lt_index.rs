//! The rule index (src/grammar/index.rs) runs only the LanguageTool rules whose trigger words
//! are in a sentence. Two things keep it honest:
//! - the stored trigger table of the embedded data is what the rules themselves give
//!   (`data/nlprule/rule-triggers.txt`; regenerate: `MTLINT_BLESS=1 cargo test --test lt_index`);
//! - on real text (the fixtures and the rules' own examples) the index gives exactly the
//!   suggestions of nlprule's `Rules::apply` over all enabled rules.

use mtlint::config::{Config, GrammarMode};
use mtlint::grammar::{self, index, Grammar};
use std::path::Path;

/// The embedded grammar, with every LanguageTool rule on if `enable_all` (the index holds the
/// enabled rules only).
fn grammar(enable_all: bool) -> Grammar {
    let mut c = Config::default();
    c.grammar.mode = Some(GrammarMode::Require);
    if enable_all {
        c.rules.enable.push("lt/".into());
    }
    grammar::setup(&c).unwrap().expect("embedded grammar data")
}

#[test]
fn stored_trigger_table_is_current() {
    // Every rule on: the table covers them all.
    let g = grammar(true);
    let bytes = g.source().rules().unwrap();
    let hash = blake3::hash(&bytes).to_hex().to_string();
    let computed = index::compute(g.index().rules());
    let expected = index::format_table(&hash, g.index().rules(), &computed);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nlprule/rule-triggers.txt");
    if std::env::var_os("MTLINT_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let listed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        listed == expected,
        "{} is stale; regenerate it with `MTLINT_BLESS=1 cargo test --test lt_index`",
        path.display()
    );
    assert_eq!(index::stored(&hash).as_ref(), Some(&computed));
    // Most rules have a trigger: that is where the time goes.
    let with = computed.values().filter(|t| t.is_some()).count();
    assert!(
        with * 10 > computed.len() * 7,
        "{with} of {}",
        computed.len()
    );
}

/// Real text: the fixtures, and the examples of every third rule (a sample: running all rules
/// on a sentence the slow way costs a few milliseconds).
fn texts(g: &Grammar) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for e in std::fs::read_dir(root).unwrap() {
        // Files only: fixtures/bilingual/ is a directory of XLIFF and PO files.
        let path = e.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        out.extend(text.split("\n\n").map(str::to_string));
    }
    for r in g.index().rules().step_by(3) {
        out.extend(r.examples().iter().map(|e| e.text().to_string()));
    }
    out
}

#[test]
fn the_index_gives_what_all_rules_give() {
    use rayon::prelude::*;
    // Every rule on, also those off by default: the index must hold for any selection.
    let g = grammar(true);
    let loaded = g.load().unwrap();
    let rules = &g.nlprule_rules();
    let key = |v: &[nlprule::types::Suggestion]| -> Vec<String> {
        v.iter().map(|x| format!("{x:?}")).collect()
    };
    let counts: Vec<(usize, usize)> = texts(&g)
        .par_iter()
        .map(|text| {
            let (mut sentences, mut suggestions) = (0, 0);
            for s in loaded.tokenizer.pipe(text) {
                let all = rules.apply(&s);
                assert_eq!(key(&g.index().apply(&s)), key(&all), "in {:?}", s.text());
                sentences += 1;
                suggestions += all.len();
            }
            (sentences, suggestions)
        })
        .collect();
    let (sentences, suggestions) = counts.iter().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert!(
        sentences > 2000 && suggestions > 1000,
        "{sentences} {suggestions}"
    );
}
