//! Unit tests of the engine on small inline packs (the shipped packs are tested by
//! `tests/rule_examples.rs` through their own examples).

use super::*;
use crate::document::TokenAnalysis;
use crate::lexicon::Lexicon;
use crate::source::SourceKind;
use std::path::Path;

fn set(pack: &str) -> RuleSet {
    let src = PackSource {
        path: PathBuf::from("test.toml"),
        origin: "test.toml".into(),
        text: pack.into(),
    };
    match RuleSet::from_packs(&[src], &Config::default()) {
        Ok(s) => s,
        Err(e) => panic!("pack does not compile: {e}"),
    }
}

fn err(pack: &str) -> FileError {
    let src = PackSource {
        path: PathBuf::from("bad.toml"),
        origin: "bad.toml".into(),
        text: pack.into(),
    };
    match RuleSet::from_packs(&[src], &Config::default()) {
        Ok(_) => panic!("pack compiled but should not:\n{pack}"),
        Err(e) => e,
    }
}

fn run_doc(rs: &RuleSet, doc: &Document, lexicon: Option<&dyn Lexicon>) -> Vec<Diagnostic> {
    let config = Config::default();
    let ctx = Context {
        config: &config,
        lexicon,
    };
    let mut out = Vec::new();
    rs.check(doc, &ctx, &mut out);
    out
}

/// (flagged text, first suggestion) of each diagnostic.
fn run(rs: &RuleSet, text: &str) -> Vec<(String, Option<String>)> {
    let doc = Document::new(text, SourceKind::Plain);
    run_doc(rs, &doc, None)
        .into_iter()
        .map(|d| {
            (
                text[d.span.clone()].to_string(),
                d.suggestions.first().cloned(),
            )
        })
        .collect()
}

fn flagged(rs: &RuleSet, text: &str) -> Vec<String> {
    run(rs, text).into_iter().map(|(t, _)| t).collect()
}

fn rule(pattern: &str, extra: &str) -> String {
    format!(
        "[[rule]]\nid = \"t/r\"\ncategory = \"mt-calque\"\nseverity = \"warning\"\nsummary = \"s\"\npattern = {pattern}\n{extra}\n"
    )
}

#[test]
fn literal_words_are_case_insensitive_unless_asked() {
    let rs = set(&rule(r#"[{ word = "kiev" }]"#, ""));
    assert_eq!(
        flagged(&rs, "Kiev and KIEV and kiev."),
        ["Kiev", "KIEV", "kiev"]
    );
    let rs = set(&rule(r#"[{ word = "Kiev", case_sensitive = true }]"#, ""));
    assert_eq!(flagged(&rs, "Kiev and KIEV and kiev."), ["Kiev"]);
}

#[test]
fn typographic_apostrophes_match_ascii_ones() {
    let rs = set(&rule(r#"[{ word = "block's" }, { word = "members" }]"#, ""));
    assert_eq!(
        flagged(&rs, "The block’s members met. The block's members met."),
        ["block’s members", "block's members"]
    );
}

#[test]
fn optional_tokens_are_greedy_and_may_be_absent() {
    let rs = set(&rule(
        r#"[{ word = "in" }, { class = "article", optional = true }, { word = "conflict" }]"#,
        r#"suggest = ["<{2}>"]"#,
    ));
    assert_eq!(
        run(&rs, "Locked in a conflict. Locked in conflict."),
        [
            ("in a conflict".into(), Some("<a>".into())),
            ("in conflict".into(), Some("<>".into()))
        ]
    );
}

#[test]
fn repeat_skips_a_bounded_number_of_tokens() {
    let rs = set(&rule(
        r#"[{ word = "intensifying" }, { class = "word", repeat = "0..2" }, { word = "up" }]"#,
        "",
    ));
    assert_eq!(
        flagged(&rs, "We are intensifying them up."),
        ["intensifying them up"]
    );
    assert_eq!(flagged(&rs, "We are intensifying up."), ["intensifying up"]);
    assert_eq!(
        flagged(&rs, "We are intensifying all of them up."),
        Vec::<String>::new()
    );
    // the skipped tokens must satisfy the element's condition
    assert_eq!(
        flagged(&rs, "We are intensifying, then up."),
        Vec::<String>::new()
    );
}

#[test]
fn exact_repeat_counts() {
    let rs = set(&rule(r#"[{ word = "very", repeat = "2" }]"#, ""));
    assert_eq!(
        flagged(&rs, "It is very nice, very very nice."),
        ["very very"]
    );
}

#[test]
fn negations() {
    let rs = set(&rule(
        r#"[{ word = "son" }, { class = "lowercase-word", not_any = ["of", "and"] }]"#,
        "",
    ));
    assert_eq!(
        flagged(
            &rs,
            "On son territory. The son of a man. Father and son and daughter."
        ),
        ["son territory"]
    );
    let rs = set(&rule(
        r#"[{ class = "word", not = { class = "capitalized" } }, { word = "block" }]"#,
        "",
    ));
    assert_eq!(
        flagged(&rs, "The EU block. A trade block."),
        ["trade block"]
    );
    let rs = set(&rule(
        r#"[{ word = "the" }, { class = "word", not_class = ["capitalized", "number"] }]"#,
        "",
    ));
    assert_eq!(flagged(&rs, "the Ukraine and the war"), ["the war"]);
    let rs = set(&rule(
        r#"[{ regex = "confidence.*", not_regex = ".*building" }]"#,
        "",
    ));
    assert_eq!(
        flagged(&rs, "confidence-building confidences"),
        ["confidences"]
    );
    let rs = set(&rule(r#"[{ word = "son", not_word = "son" }]"#, ""));
    assert!(flagged(&rs, "son").is_empty());
}

#[test]
fn context_words_outside_the_match() {
    let rs = set(&rule(
        r#"[{ word = "son", not_after = ["her", "the"], not_before = ["of"] }, { class = "word" }]"#,
        "",
    ));
    assert_eq!(
        flagged(
            &rs,
            "Her son joined. The son of it. With son ally. Son territory."
        ),
        ["son ally", "Son territory"]
    );
}

#[test]
fn sentence_start_and_end() {
    let rs = set(&rule(
        r#"[{ word = "like", sentence_start = true }, { word = "head" }]"#,
        "",
    ));
    assert_eq!(
        flagged(&rs, "“Like head of it, I agree.” I'd like head of it."),
        ["Like head"]
    );
    let rs = set(&rule(
        r#"[{ word = "really" }, { word = "?", sentence_end = true }]"#,
        "",
    ));
    // one sentence (a lower-case word follows the "?"): words follow both question marks
    assert_eq!(flagged(&rs, "Really? really? yes"), Vec::<String>::new());
    assert_eq!(
        flagged(&rs, "Really?” Yes, really?"),
        ["Really?", "really?"]
    );
}

#[test]
fn spaces_before_tokens() {
    let rs = set(&rule(
        r#"[{ class = "word" }, { any = ["?", ":"], space_before = true }]"#,
        r#"suggest = ["{1}{2}"]"#,
    ));
    assert_eq!(
        run(&rs, "Really ? Yes: no."),
        [("Really ?".into(), Some("Really?".into()))]
    );
    let rs = set(&rule(
        r#"[{ word = "a" }, { word = "b", no_space_before = true }]"#,
        "",
    ));
    assert_eq!(flagged(&rs, "a b. ab. a-b."), Vec::<String>::new());
}

#[test]
fn antipatterns_suppress_overlapping_matches_only() {
    let rs = set(&rule(
        r#"[{ word = "block" }]"#,
        r#"antipatterns = [[{ word = "city" }, { word = "block" }], [{ word = "block" }, { word = "of" }]]"#,
    ));
    assert_eq!(
        flagged(&rs, "A city block, a block of shares, the block."),
        ["block"]
    );
    // an antipattern elsewhere in the sentence does not suppress
    let rs = set(&rule(
        r#"[{ word = "block" }]"#,
        r#"antipatterns = [[{ word = "city" }]]"#,
    ));
    assert_eq!(flagged(&rs, "The city said the block agreed."), ["block"]);
}

#[test]
fn context_patterns_require_something_in_the_sentence() {
    let rs = set(&rule(
        r#"[{ word = "the" }, { word = "block" }, { any = ["was", "should"] }]"#,
        r#"mark = 2
context = [[{ word = "EU", case_sensitive = true }], [{ word = "member" }, { word = "states" }]]"#,
    ));
    assert_eq!(
        flagged(&rs, "The block was demolished."),
        Vec::<String>::new()
    );
    assert_eq!(
        flagged(&rs, "EU gas is scarce and the block was in talks."),
        ["block"]
    );
    assert_eq!(
        flagged(&rs, "Member states agree the block should act."),
        ["block"]
    );
}

#[test]
fn mark_limits_the_span_and_suggestions_replace_it() {
    let rs = set(&rule(
        r#"[{ word = "locked" }, { word = "down" }, { word = "in" }]"#,
        "mark = [1, 2]\nsuggest = [\"{1}\"]\nmessage = \"drop “{2}” after {1}\"",
    ));
    let doc = Document::new("They were locked down in a war.", SourceKind::Plain);
    let d = run_doc(&rs, &doc, None);
    assert_eq!(d.len(), 1);
    assert_eq!(&doc.text[d[0].span.clone()], "locked down");
    assert_eq!(d[0].suggestions, ["locked"]);
    assert_eq!(d[0].message, "drop “down” after locked");
    assert_eq!(d[0].fix, crate::diagnostic::FixSafety::Unsafe);
}

#[test]
fn suggestions_keep_the_capitalisation_of_the_span() {
    let rs = set(&rule(
        r#"[{ word = "politics" }, { word = "support" }]"#,
        r#"suggest = ["political {2}"]"#,
    ));
    assert_eq!(
        run(
            &rs,
            "More politics support. Politics support is low. POLITICS SUPPORT!"
        ),
        [
            ("politics support".into(), Some("political support".into())),
            ("Politics support".into(), Some("Political support".into())),
            ("POLITICS SUPPORT".into(), Some("POLITICAL SUPPORT".into())),
        ]
    );
}

#[test]
fn maps_in_suggestions() {
    let rs = set(&rule(
        r#"[{ any = ["launch", "launched"] }, { word = "back" }]"#,
        r#"suggest = ["{1|launch:pull|launched:pulled} back"]"#,
    ));
    assert_eq!(
        run(&rs, "They launched back troops."),
        [("launched back".into(), Some("pulled back".into()))]
    );
}

struct FakeLex;
impl Lexicon for FakeLex {
    fn is_known(&self, w: &str) -> bool {
        w == "help"
    }
    fn readings(&self, w: &str) -> Vec<(String, String)> {
        if w == "help" {
            vec![("help".into(), "VB".into())]
        } else {
            vec![]
        }
    }
    fn forms(&self, lemma: &str, tag: &str) -> Vec<String> {
        if (lemma, tag) == ("help", "VBZ") {
            vec!["helps".into()]
        } else {
            vec![]
        }
    }
}

#[test]
fn inflection_through_the_lexicon() {
    let rs = set(&rule(
        r#"[{ word = "that" }, { any = ["help", "run"] }, { word = "avoid" }]"#,
        r#"mark = [2, 3]
suggest = ["{2:VBZ} {3}", "{2} to {3}"]"#,
    ));
    let doc = Document::new(
        "A deal that help avoid war. A deal that run avoid war.",
        SourceKind::Plain,
    );
    let with = run_doc(&rs, &doc, Some(&FakeLex));
    assert_eq!(with[0].suggestions, ["helps avoid", "help to avoid"]);
    // no form for "run": that suggestion is dropped, the other stays
    assert_eq!(with[1].suggestions, ["run to avoid"]);
    let without = run_doc(&rs, &doc, None);
    assert_eq!(without[0].suggestions, ["help to avoid"]);
}

#[test]
fn pos_rules_need_the_analysis() {
    let rs = set(&rule(
        r#"[{ word = "that" }, { tag = "VB", not_lemma = "be" }]"#,
        "",
    ));
    assert!(rs.compiled()[0].meta.needs_pos);
    let mut doc = Document::new("Plans that help. Plans that be.", SourceKind::Plain);
    assert!(
        run_doc(&rs, &doc, None).is_empty(),
        "skipped without analysis"
    );
    let mut an = vec![TokenAnalysis::default(); doc.tokens.len()];
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = t.text(&doc.text).to_lowercase();
        let tag = if w == "help" || w == "be" { "VB" } else { "NN" };
        an[i].tags.push((w, tag.into()));
    }
    doc.analysis = Some(an);
    let d = run_doc(&rs, &doc, None);
    assert_eq!(
        d.iter()
            .map(|d| &doc.text[d.span.clone()])
            .collect::<Vec<_>>(),
        ["that help"]
    );
}

#[test]
fn chunk_and_lemma_conditions() {
    let rs = set(&rule(
        r#"[{ lemma = ["be", "have"], tag = "VBZ" }, { chunk = "B-NP.*" }]"#,
        "",
    ));
    let mut doc = Document::new("It is dogs. It has cats. It runs dogs.", SourceKind::Plain);
    let mut an = vec![TokenAnalysis::default(); doc.tokens.len()];
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = t.text(&doc.text).to_lowercase();
        let (lemma, tag) = match w.as_str() {
            "is" => ("be", "VBZ"),
            "has" => ("have", "VBZ"),
            "runs" => ("run", "VBZ"),
            _ => (w.as_str(), "NNS"),
        };
        an[i].tags.push((lemma.to_string(), tag.into()));
        if w == "dogs" {
            an[i].chunks.push("B-NP-plural".into());
        }
    }
    doc.analysis = Some(an);
    let d = run_doc(&rs, &doc, None);
    assert_eq!(
        d.iter()
            .map(|d| &doc.text[d.span.clone()])
            .collect::<Vec<_>>(),
        ["is dogs"]
    );
}

#[test]
fn index_anchor_is_the_rarest_required_literal() {
    let rs = set(&rule(
        r#"[{ any = ["a", "an", "the"], optional = true }, { any = ["x", "y"] }, { word = "z" }]"#,
        "",
    ));
    assert_eq!(
        rs.compiled()[0].pattern.anchor(),
        Some(vec!["z".to_string()])
    );
    let rs = set(&rule(r#"[{ class = "word" }, { regex = "z+" }]"#, ""));
    assert_eq!(rs.compiled()[0].pattern.anchor(), None);
    assert_eq!(flagged(&rs, "a zz"), ["a zz"]);
}

#[test]
fn disabled_rules_do_not_run_but_are_listed() {
    let src = PackSource {
        path: "p.toml".into(),
        origin: "p.toml".into(),
        text: rule(r#"[{ word = "x" }]"#, ""),
    };
    let mut config = Config::default();
    config.rules.disable.push("t/r".into());
    let rs = RuleSet::from_packs(&[src], &config).unwrap();
    assert_eq!(rs.rules().len(), 1);
    let doc = Document::new("x", SourceKind::Plain);
    assert!(run_doc(&rs, &doc, None).is_empty());
    let off = rule(r#"[{ word = "x" }]"#, "default_enabled = false");
    let rs = set(&off);
    assert!(!rs.rules()[0].default_enabled);
    assert!(flagged(&rs, "x").is_empty());
}

#[test]
fn meta_carries_examples_and_origin() {
    let rs = set(&rule(
        r#"[{ word = "x" }]"#,
        r#"suggest = ["y"]
source_lang = ["fr"]
examples = [{ text = "a [x] b", fix = "y" }]
counter_examples = ["a b"]"#,
    ));
    let m = &rs.rules()[0];
    assert_eq!(
        (m.origin.as_str(), m.fix),
        ("test.toml", crate::diagnostic::FixSafety::Unsafe)
    );
    assert_eq!(m.examples, [("a [x] b".to_string(), Some("y".to_string()))]);
    assert_eq!(m.counter_examples, ["a b"]);
    assert_eq!(m.source_lang, ["fr"]);
}

// ---------------------------------------------------------------- errors

fn at(e: &FileError) -> (usize, usize) {
    (e.line, e.column)
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = err("[[rule]]\nid = \"a/b\"\ncategory = \n");
    assert_eq!(e.path, Path::new("bad.toml"));
    assert_eq!(e.line, 3, "{e}");
}

#[test]
fn unknown_fields_are_errors() {
    let e = err(&rule(r#"[{ word = "x", not_aftr = ["a"] }]"#, ""));
    assert_eq!(e.line, 6, "{e}");
    assert!(e.message.contains("not_aftr"), "{e}");
    let e = err(&rule(r#"[{ word = "x" }]"#, "sugest = [\"y\"]"));
    assert!(e.message.contains("sugest"), "{e}");
}

#[test]
fn bad_category_points_at_the_value() {
    let e = err("[[rule]]\nid = \"a/b\"\ncategory = \"calque\"\nseverity = \"warning\"\nsummary = \"s\"\npattern = [{ word = \"x\" }]\n");
    assert_eq!(e.line, 3, "{e}");
}

#[test]
fn bad_regex_points_at_the_token() {
    let e = err(&rule(
        "[\n  { word = \"x\" },\n  { regex = \"(unclosed\" },\n]",
        "",
    ));
    assert_eq!(at(&e), (8, 3), "{e}");
    assert!(
        e.message.contains("t/r") && e.message.contains("regex"),
        "{e}"
    );
}

#[test]
fn bad_token_references() {
    let e = err(&rule(r#"[{ word = "x" }]"#, "suggest = [\"{2}\"]"));
    assert_eq!(e.line, 7, "{e}");
    assert!(e.message.contains("out of range"), "{e}");
    let e = err(&rule(r#"[{ word = "x" }]"#, "message = \"{x}\""));
    assert!(e.message.contains("token reference"), "{e}");
    let e = err(&rule(r#"[{ word = "x" }]"#, "mark = [1, 2]"));
    assert_eq!(e.line, 7, "{e}");
}

#[test]
fn semantic_rule_errors_point_at_the_id() {
    let e = err(&rule("[]", ""));
    assert_eq!(at(&e), (2, 6), "{e}");
    let e = err(&rule(r#"[{ word = "x", optional = true }]"#, ""));
    assert_eq!(e.line, 2, "{e}");
    let e = err(&rule(r#"[{ word = "x" }]"#, "fix = \"safe\""));
    assert_eq!(e.line, 2, "{e}");
    let e = err(&rule(r#"[{ word = "x" }]"#, "").replace("t/r", "no-family"));
    assert_eq!(e.line, 2, "{e}");
}

#[test]
fn other_token_errors() {
    for (tok, needle) in [
        (r#"{ class = "noun" }"#, "unknown class"),
        (r#"{ word = "x", any = ["y"] }"#, "either"),
        (r#"{ word = "two words" }"#, "space"),
        (r#"{ word = "x", repeat = "3..1" }"#, "repeat"),
        (
            r#"{ word = "x", optional = true, repeat = "1..2" }"#,
            "either",
        ),
        (
            r#"{ word = "x", not = { word = "y", optional = true } }"#,
            "not",
        ),
        (r#"{ tag = "VB[" }"#, "tag"),
    ] {
        let e = err(&rule(&format!("[{tok}]"), ""));
        assert!(e.message.contains(needle), "{tok}: {e}");
        assert_eq!(e.line, 6, "{tok}: {e}");
    }
}

#[test]
fn example_errors() {
    let e = err(&rule(
        r#"[{ word = "x" }]"#,
        "examples = [{ text = \"no marker\" }]",
    ));
    assert_eq!(e.line, 7, "{e}");
    assert!(e.message.contains("marked span"), "{e}");
}

#[test]
fn duplicate_ids_across_packs() {
    let a = PackSource {
        path: "a.toml".into(),
        origin: "a.toml".into(),
        text: rule(r#"[{ word = "x" }]"#, ""),
    };
    let b = PackSource {
        path: "b.toml".into(),
        origin: "b.toml".into(),
        text: format!("\n\n{}", a.text),
    };
    let e = RuleSet::from_packs(&[a, b], &Config::default())
        .err()
        .expect("duplicate");
    assert_eq!(
        (e.path.as_path(), e.line, e.column),
        (Path::new("b.toml"), 4, 6),
        "{e}"
    );
    assert!(
        e.message.contains("duplicate") && e.message.contains("a.toml"),
        "{e}"
    );
}

#[test]
fn user_directories_are_loaded_relative_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/house.toml"),
        rule(r#"[{ word = "zzyzx" }]"#, "").replace("t/r", "house/zzyzx"),
    )
    .unwrap();
    std::fs::write(dir.path().join("packs/notes.txt"), "not a pack").unwrap();
    let mut config = Config {
        path: Some(dir.path().join("mtlint.toml")),
        ..Config::default()
    };
    config.rules.dirs.push("packs".into());
    let rs = RuleSet::load(&config, &[]).unwrap();
    let m = rs
        .rules()
        .into_iter()
        .find(|m| m.id == "house/zzyzx")
        .expect("user rule loaded");
    assert!(m.origin.ends_with("house.toml"), "{}", m.origin);
    assert_eq!(flagged(&rs, "A zzyzx here."), ["zzyzx"]);

    std::fs::write(dir.path().join("packs/broken.toml"), "[[rule]]\nid = 3\n").unwrap();
    let e = RuleSet::load(&config, &[]).err().expect("broken pack");
    assert!(e.path.ends_with("broken.toml") && e.line == 2, "{e}");

    config.rules.dirs.push("missing".into());
    std::fs::remove_file(dir.path().join("packs/broken.toml")).unwrap();
    let e = RuleSet::load(&config, &[]).err().expect("missing dir");
    assert!(e.path.ends_with("missing"), "{e}");
}

// Issue 11, item 9: six `repeat` elements between two words backtracked exponentially (over a
// minute on a 300-word line); each (element, token) state is now tried once per start.
#[test]
fn repeats_do_not_backtrack_exponentially() {
    let any = r#"{ class = "any", repeat = "0..16" }"#;
    let pack = format!(
        "[[rule]]\nid = \"t/six\"\ncategory = \"style\"\nseverity = \"info\"\nsummary = \"x\"\npattern = [{{ word = \"alpha\" }}, {any}, {any}, {any}, {any}, {any}, {any}, {{ word = \"omega\" }}]\n"
    );
    let rs = set(&pack);
    // "alpha" everywhere, "omega" nowhere: every start fails after trying every split.
    let text = format!("{}.", vec!["alpha"; 300].join(" "));
    let doc = Document::new(&text, SourceKind::Plain);
    super::matcher::STEPS.with(|n| n.set(0));
    assert!(run_doc(&rs, &doc, None).is_empty());
    let steps = super::matcher::STEPS.with(|n| n.get());
    // At most (elements × positions) states per start, each trying up to 17 lengths.
    assert!(steps < 300 * 8 * 302 * 17, "{steps} steps");
    assert!(steps > 0);
}

// ---------------------------------------------------------------- named lists

const LISTS: &str = "\n[lists]\nnouns = [\"news\", \"series\"]\nmore = [\"@nouns\", \"means\"]\n";

#[test]
fn named_lists_expand_in_word_lists() {
    let rs = set(&(rule(
        r#"[{ any = ["@more", "odds"], not_before = ["@nouns"] }, { word = "are" }]"#,
        "",
    ) + LISTS));
    assert_eq!(
        flagged(
            &rs,
            "The means are few, the odds are long, the news are bad."
        ),
        ["means are", "odds are", "news are"]
    );
    let rs = set(&(rule(
        r#"[{ class = "word", not = { any = ["@nouns"] } }, { word = "is" }]"#,
        "",
    ) + LISTS));
    assert_eq!(flagged(&rs, "The news is that it is."), ["it is"]);
    // A lone "@" is the literal at sign, not a list.
    let rs = set(&rule(r#"[{ word = "@" }]"#, ""));
    assert_eq!(flagged(&rs, "mail me @ home"), ["@"]);
}

#[test]
fn named_list_errors() {
    // An unknown list points at the token table that names it.
    let e = err(&(rule(r#"[{ any = ["@nouns", "@verbs"] }]"#, "") + LISTS));
    assert_eq!(at(&e), (6, 12), "{e}");
    assert!(
        e.message.contains("unknown list `@verbs`") && e.message.contains("@more, @nouns"),
        "{e}"
    );
    // A misspelt name is an error, not a literal word that never matches.
    let e = err(&(rule(r#"[{ word = "x", not_before = ["@Nouns"] }]"#, "") + LISTS));
    assert!(e.message.contains("unknown list `@Nouns`"), "{e}");
    let e = err(&rule(r#"[{ not_any = ["@verbs"] }]"#, ""));
    assert!(e.message.contains("no `[lists]`"), "{e}");
    let e = err(&(rule(r#"[{ word = "@nouns" }]"#, "") + LISTS));
    assert!(e.message.contains("any = [\"@nouns\"]"), "{e}");
    // Errors in the lists themselves point at the list.
    let e =
        err(&(rule(r#"[{ word = "x" }]"#, "") + "\n[lists]\na = [\"@b\"]\nb = [\"x\", \"@a\"]\n"));
    assert_eq!(e.line, 11, "{e}");
    assert!(e.message.contains("@a → @b → @a"), "{e}");
    let e = err(&(rule(r#"[{ word = "x" }]"#, "") + "\n[lists]\na = []\n"));
    assert!(e.message.contains("list `a`: is empty"), "{e}");
    let e = err(&(rule(r#"[{ word = "x" }]"#, "") + "\n[lists]\na = [\"two words\"]\n"));
    assert!(e.message.contains("space"), "{e}");
    let e = err(&(rule(r#"[{ word = "x" }]"#, "") + "\n[lists]\nBig = [\"x\"]\n"));
    assert!(e.message.contains("list name `Big`"), "{e}");
}
