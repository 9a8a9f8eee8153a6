//! The grammar engine as a library: tagger lexicon (inflection) and POS analysis of documents.

use mtlint::config::Config;
use mtlint::document::Document;
use mtlint::grammar::{self, Grammar};
use mtlint::lexicon::Lexicon;
use mtlint::source::SourceKind;

fn engine() -> Grammar {
    let mut c = Config::default();
    c.grammar.mode = Some(mtlint::config::GrammarMode::Require);
    let g = grammar::setup(&c)
        .expect("data is readable")
        .expect("grammar is on");
    assert!(g.loaded().is_some(), "tokenizer loads");
    g
}

#[test]
fn lexicon_inflects_through_lemmas() {
    let g = engine();
    let lex = &g.loaded().unwrap().lexicon;
    assert!(
        lex.has_inflection_index(),
        "the tagger tables were found in the tokenizer binary"
    );
    assert_eq!(lex.inflect("reduced", "VB"), ["reduce"]);
    assert_eq!(lex.inflect("embrace", "VBG"), ["embracing"]);
    assert_eq!(lex.inflect("help", "VBZ"), ["helps"]);
    // Irregular forms come from the dictionary, not from spelling rules.
    assert_eq!(lex.forms("go", "VBN"), ["gone"]);
    assert_eq!(lex.forms("child", "NNS"), ["children"]);
    assert!(lex.forms("help", "NOT_A_TAG").is_empty());
    assert!(lex.forms("qwzxv", "VBZ").is_empty());
}

#[test]
fn lexicon_knows_words_and_readings() {
    let g = engine();
    let lex: &dyn Lexicon = g.lexicon().expect("lexicon once loaded");
    assert!(lex.is_known("reduced"));
    assert!(
        lex.is_known("Reduced"),
        "sentence-initial capital falls back to lower case"
    );
    assert!(!lex.is_known("reduceded"));
    let r = lex.readings("reduced");
    assert!(
        r.contains(&("reduce".into(), "VBD".into()))
            && r.contains(&("reduce".into(), "VBN".into())),
        "{r:?}"
    );
    assert!(
        r.iter().all(|(_, t)| !t.is_empty() && t != "SENT_END"),
        "{r:?}"
    );
}

#[test]
fn analysis_is_parallel_to_tokens_with_tags_and_chunks() {
    let g = engine();
    let doc = Document::new(
        "Intro.\n\nShe was not been here since Monday. It's “quoted” café text.\n",
        SourceKind::Plain,
    );
    let a = g.analyze(&doc.text, &doc.blocks).expect("analysis");
    let ta = a.token_analysis(&doc.tokens);
    assert_eq!(ta.len(), doc.tokens.len());
    let of = |w: &str| {
        let i = doc
            .tokens
            .iter()
            .position(|t| t.text(&doc.text) == w)
            .unwrap();
        &ta[i]
    };
    assert!(
        of("was").tags.contains(&("be".into(), "VBD".into())),
        "{:?}",
        of("was")
    );
    assert!(
        of("Monday").tags.contains(&("Monday".into(), "NNP".into())),
        "{:?}",
        of("Monday")
    );
    assert!(
        of("She").chunks.iter().any(|c| c.ends_with("NP-singular")),
        "{:?}",
        of("She")
    );
    // "It's" is one mtlint token and several nlprule tokens: readings of both parts ("'s" is
    // read as a possessive in the 2026 data: LanguageTool marks the contraction with an internal
    // tag that nlprule's compiler does not take, see data/nlprule/PROVENANCE.txt).
    let its = of("It's");
    assert!(
        its.tags.contains(&("it".into(), "PRP".into()))
            && its
                .tags
                .iter()
                .any(|(lemma, _)| lemma == "s" || lemma == "be"),
        "{its:?}"
    );
    // Token spans stay byte-exact after multi-byte characters.
    let cafe = of("café");
    assert!(!cafe.tags.is_empty(), "{cafe:?}");
    for (span, t) in a.tokens() {
        assert_eq!(&doc.text[span], t.word().text().as_str());
    }
}
