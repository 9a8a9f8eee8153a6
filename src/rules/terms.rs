//! The terminology table: `[[term]]` entries of rule packs and `[[terminology]]` entries of
//! `mtlint.toml`, each compiled into one pattern rule that flags every variant and suggests
//! the preferred form.
//!
//! A term `{ preferred = "Kyiv", variants = ["Kiev"], exceptions = ["chicken Kiev"] }` becomes
//! a rule whose pattern is one element matching any variant (as a phrase of tokens), with:
//! - case: a variant written with a capital letter matches that spelling and its ALL CAPS form
//!   ("Kiev", "KIEV", not "kiev"); an all-lower-case variant matches in any case;
//! - possessives: "Kiev's"/"Kiev’s" match, and the suggestion keeps the ending ("Kyiv's");
//! - the suggestion is the preferred form as written when the variant is found as written
//!   ("FYROM" → "North Macedonia"), and follows the found case otherwise ("KIEV" → "KYIV",
//!   a lower-case variant at the start of a sentence → a capitalised suggestion);
//! - antipatterns: each exception phrase (any case), the preferred form itself (so that the
//!   variant "Macedonia" is not flagged inside "North Macedonia"), and, unless
//!   `historical = false`, sentences that talk about the old name: a history word shortly
//!   before it ("formerly", "renamed", "colonial-era", "called", "known as", ...), "renamed",
//!   "formerly", "became" or "changed" shortly after it, or "(now ...)" right after it.
//!
//! Pack terms default to the id `terminology/<slug of preferred>` and may set their own;
//! config terms are always `terminology/<slug>` (with `-2`, `-3` on a clash).

use super::compile::{normalize, valid_id, Class, CompiledRule, Cond, Elem, Pattern};
use super::schema::{ExampleDef, TermDef};
use super::suggest::{Part, RefOp, Template};
use crate::checks::RuleMeta;
use crate::config::{Config, FileError, Term};
use crate::diagnostic::{Category, FixSafety, Severity};
use crate::text::tokens::tokenize;
use crate::text::TokenKind;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Words that, shortly before a variant, show the sentence is about the old name.
const HISTORY_BEFORE: &[&str] = &[
    "renamed",
    "rename",
    "renaming",
    "formerly",
    "previously",
    "former",
    "colonial",
    "colonial-era",
    "soviet-era",
    "imperial-era",
    "then-named",
    "then-called",
    "once",
    "old",
    "called",
    "named",
    "spelled",
    "spelt",
    "spelling",
    "transliterated",
    "transliteration",
    "romanised",
    "romanized",
    "romanisation",
    "romanization",
    "name",
    "known",
];
/// Words that, shortly after a variant, show the sentence is about the old name.
const HISTORY_AFTER: &[&str] = &[
    "renamed",
    "formerly",
    "superseded",
    "abolished",
    "defunct",
    "became",
    "changed",
];
/// "Bombay (now Mumbai)", "Peking, today Beijing".
const NOW: &[&str] = &[
    "now",
    "today",
    "present-day",
    "modern-day",
    "later",
    "currently",
];
/// How many tokens may stand between a history word and the variant.
const HISTORY_WINDOW: usize = 5;

/// Which part of a term an error is about (to point at it).
#[derive(Clone, Copy, Debug)]
enum TermField {
    Id,
    Preferred,
    Variant(usize),
    Exception(usize),
    Message,
    SourceLang(usize),
}

/// A term with everything optional filled in, whatever its origin.
struct Spec {
    id: Option<String>,
    preferred: String,
    variants: Vec<String>,
    exceptions: Vec<String>,
    note: Option<String>,
    source: Option<String>,
    description: Option<String>,
    summary: Option<String>,
    message: Option<String>,
    category: Category,
    severity: Severity,
    source_lang: Vec<String>,
    default_enabled: bool,
    fix: FixSafety,
    historical: bool,
    examples: Vec<(String, Option<String>)>,
    counter_examples: Vec<String>,
    origin: String,
    /// Config terms get the "project's terminology" message.
    from_config: bool,
}

/// Compiles the `[[term]]` tables of a pack; the range is where duplicate-id errors point.
pub fn compile_pack_terms(
    path: &Path,
    text: &str,
    origin: &str,
    terms: Vec<TermDef>,
) -> Result<Vec<(Range<usize>, CompiledRule)>, FileError> {
    let mut out = Vec::new();
    for t in terms {
        let spans = TermSpans {
            id: t.id.as_ref().map(Spanned::span),
            preferred: t.preferred.span(),
            variants: t.variants.iter().map(Spanned::span).collect(),
            exceptions: t.exceptions.iter().map(Spanned::span).collect(),
            message: t.message.as_ref().map(Spanned::span),
            source_lang: t.source_lang.iter().map(Spanned::span).collect(),
        };
        let anchor = spans.id.clone().unwrap_or(spans.preferred.clone());
        if t.fix == Some(FixSafety::None) {
            return Err(FileError::at(
                path,
                text,
                anchor.start,
                "a term always suggests its preferred form: `fix` must be \"safe\" or \"unsafe\"",
            ));
        }
        for e in &t.examples {
            if let Err(msg) = super::compile::split_example(&e.get_ref().text) {
                return Err(FileError::at(
                    path,
                    text,
                    e.span().start,
                    format!("example {:?}: {msg}", e.get_ref().text),
                ));
            }
        }
        let spec = Spec {
            id: t.id.map(Spanned::into_inner),
            preferred: t.preferred.into_inner(),
            variants: t.variants.into_iter().map(Spanned::into_inner).collect(),
            exceptions: t.exceptions.into_iter().map(Spanned::into_inner).collect(),
            note: t.note,
            source: t.source,
            description: t.description,
            summary: t.summary,
            message: t.message.map(Spanned::into_inner),
            category: t.category.unwrap_or(Category::Terminology),
            severity: t.severity.unwrap_or(Severity::Warning),
            source_lang: t.source_lang.into_iter().map(Spanned::into_inner).collect(),
            default_enabled: t.default_enabled,
            fix: t.fix.unwrap_or(FixSafety::Unsafe),
            historical: t.historical,
            examples: t
                .examples
                .into_iter()
                .map(|e| {
                    let ExampleDef { text, fix } = e.into_inner();
                    (text, fix)
                })
                .collect(),
            counter_examples: t
                .counter_examples
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            origin: origin.to_string(),
            from_config: false,
        };
        let rule = compile(&spec, &|what, msg| {
            let at = spans.get(what).unwrap_or(anchor.clone());
            FileError::at(path, text, at.start, msg)
        })?;
        out.push((anchor, rule));
    }
    Ok(out)
}

struct TermSpans {
    id: Option<Range<usize>>,
    preferred: Range<usize>,
    variants: Vec<Range<usize>>,
    exceptions: Vec<Range<usize>>,
    message: Option<Range<usize>>,
    source_lang: Vec<Range<usize>>,
}

impl TermSpans {
    fn get(&self, what: TermField) -> Option<Range<usize>> {
        match what {
            TermField::Id => self.id.clone(),
            TermField::Preferred => Some(self.preferred.clone()),
            TermField::Variant(i) => self.variants.get(i).cloned(),
            TermField::Exception(i) => self.exceptions.get(i).cloned(),
            TermField::Message => self.message.clone(),
            TermField::SourceLang(i) => self.source_lang.get(i).cloned(),
        }
    }
}

/// Compiles the `[[terminology]]` entries of the configuration. `taken` holds the ids already
/// used (a config term whose slug clashes gets `-2`, `-3`, ...).
pub fn compile_config_terms(
    config: &Config,
    taken: &mut std::collections::HashSet<String>,
) -> Result<Vec<CompiledRule>, FileError> {
    let origin = config
        .path
        .as_ref()
        .map_or_else(|| "mtlint.toml".to_string(), |p| p.display().to_string());
    let mut out = Vec::new();
    for t in &config.terminology {
        let Term {
            preferred,
            variants,
            note,
            exceptions,
        } = t;
        let base = format!("terminology/{}", slug(preferred));
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let spec = Spec {
            id: Some(id.clone()),
            preferred: preferred.clone(),
            variants: variants.clone(),
            exceptions: exceptions.clone(),
            note: note.clone(),
            source: None,
            description: None,
            summary: None,
            message: None,
            category: Category::Terminology,
            severity: Severity::Warning,
            source_lang: Vec::new(),
            default_enabled: true,
            fix: FixSafety::Unsafe,
            historical: true,
            examples: Vec::new(),
            counter_examples: Vec::new(),
            origin: origin.clone(),
            from_config: true,
        };
        let rule = compile(&spec, &|what, msg| {
            let needle = match what {
                TermField::Variant(i) => variants.get(i).cloned(),
                TermField::Exception(i) => exceptions.get(i).cloned(),
                _ => Some(preferred.clone()),
            };
            config_error(config, needle.as_deref(), &msg)
        })?;
        taken.insert(id);
        out.push(rule);
    }
    Ok(out)
}

/// An error about a `[[terminology]]` entry, pointing at the quoted value in the config file
/// when it can be found there.
fn config_error(config: &Config, needle: Option<&str>, msg: &str) -> FileError {
    let path = config
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("mtlint.toml"));
    let msg = format!("[[terminology]]: {msg}");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let at = needle
                .and_then(|n| {
                    text.find(&format!("\"{n}\""))
                        .or_else(|| text.find(&format!("'{n}'")))
                })
                .or_else(|| text.find("[[terminology]]"))
                .unwrap_or(0);
            FileError::at(&path, &text, at, msg)
        }
        Err(_) => FileError {
            path,
            line: 0,
            column: 0,
            message: msg,
        },
    }
}

/// `Türkiye` → `turkiye`, `unmanned aerial vehicle` → `unmanned-aerial-vehicle`.
pub fn slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c.is_ascii_punctuation()) && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "term".to_string()
    } else {
        out
    }
}

/// The token texts of a phrase, as the text tokenizer splits it.
fn phrase_tokens(s: &str) -> Vec<(String, TokenKind)> {
    tokenize(s, 0..s.len())
        .into_iter()
        .map(|t| (t.text(s).to_string(), t.kind))
        .collect()
}

/// The conditions matching a variant (case rule and possessive ending: see the module docs).
fn variant_conds(v: &str) -> Vec<Cond> {
    let toks = phrase_tokens(v);
    let cased = v.chars().any(char::is_uppercase);
    let n = toks.len();
    toks.iter()
        .enumerate()
        .map(|(i, (t, kind))| {
            let mut forms = vec![t.clone()];
            if cased && t.to_uppercase() != *t {
                forms.push(t.to_uppercase());
            }
            if i + 1 == n && *kind == TokenKind::Word {
                for f in forms.clone() {
                    let s = if f.chars().any(char::is_lowercase) {
                        "'s"
                    } else {
                        "'S"
                    };
                    forms.push(format!("{f}{s}"));
                }
            }
            Cond {
                words: Some(forms.iter().map(|f| normalize(f, cased)).collect()),
                case_sensitive: cased,
                ..Cond::default()
            }
        })
        .collect()
}

/// The conditions matching a phrase literally, in any case (the last word may be possessive).
fn literal_conds(s: &str) -> Vec<Cond> {
    let toks = phrase_tokens(s);
    let n = toks.len();
    toks.iter()
        .enumerate()
        .map(|(i, (t, kind))| {
            let mut forms = vec![normalize(t, false)];
            if i + 1 == n && *kind == TokenKind::Word {
                forms.push(format!("{}'s", forms[0]));
            }
            Cond {
                words: Some(forms),
                ..Cond::default()
            }
        })
        .collect()
}

fn elem(cond: Cond, min: usize, max: usize) -> Elem {
    Elem {
        cond,
        phrases: Vec::new(),
        min,
        max,
        not_after: Vec::new(),
        not_before: Vec::new(),
        sentence_start: false,
        sentence_end: false,
    }
}

fn words_cond(words: &[&str]) -> Cond {
    Cond {
        words: Some(words.iter().map(|w| w.to_string()).collect()),
        ..Cond::default()
    }
}

fn any_tokens(max: usize) -> Elem {
    elem(
        Cond {
            class: Some(Class::Any),
            ..Cond::default()
        },
        0,
        max,
    )
}

/// Lower-case token texts, for "does this phrase contain that one" checks.
fn lower_tokens(s: &str) -> Vec<String> {
    phrase_tokens(s)
        .into_iter()
        .map(|(t, _)| normalize(&t, false))
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn quote_list(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn compile(
    spec: &Spec,
    err: &dyn Fn(TermField, String) -> FileError,
) -> Result<CompiledRule, FileError> {
    let preferred = spec.preferred.trim();
    if preferred.is_empty() || preferred.contains('\n') {
        return Err(err(
            TermField::Preferred,
            "`preferred` must be one non-empty line".into(),
        ));
    }
    let id = match &spec.id {
        Some(id) => id.clone(),
        None => format!("terminology/{}", slug(preferred)),
    };
    if !valid_id(&id) {
        return Err(err(
            TermField::Id,
            format!("invalid rule id `{id}`: expected \"family/name\" (ASCII letters, digits, '-', '_', '.')"),
        ));
    }
    if spec.variants.is_empty() {
        return Err(err(
            TermField::Preferred,
            format!("term `{id}`: `variants` is empty"),
        ));
    }
    let mut phrases: Vec<Vec<Cond>> = Vec::new();
    let mut variant_tokens: Vec<Vec<String>> = Vec::new();
    for (i, v) in spec.variants.iter().enumerate() {
        let v = v.trim();
        if v.is_empty() || !phrase_tokens(v).iter().any(|(_, k)| *k != TokenKind::Punct) {
            return Err(err(
                TermField::Variant(i),
                format!("term `{id}`: variant {v:?} has no word"),
            ));
        }
        if v.to_lowercase() == preferred.to_lowercase() {
            return Err(err(
                TermField::Variant(i),
                format!("term `{id}`: variant {v:?} is the preferred form"),
            ));
        }
        phrases.push(variant_conds(v));
        variant_tokens.push(lower_tokens(v));
    }
    // Longest variant first: "Republic of Macedonia" before "Macedonia".
    let mut order: Vec<usize> = (0..phrases.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(phrases[i].len()));
    let phrases: Vec<Vec<Cond>> = order.iter().map(|&i| phrases[i].clone()).collect();
    let variant_elem = || Elem {
        phrases: phrases.clone(),
        ..elem(Cond::default(), 1, 1)
    };

    let mut antipatterns = Vec::new();
    for (i, e) in spec.exceptions.iter().enumerate() {
        let toks = lower_tokens(e);
        if !variant_tokens.iter().any(|v| contains_seq(&toks, v)) {
            return Err(err(
                TermField::Exception(i),
                format!("term `{id}`: exception {e:?} contains none of the variants"),
            ));
        }
        antipatterns.push(Pattern {
            elems: literal_conds(e)
                .into_iter()
                .map(|c| elem(c, 1, 1))
                .collect(),
        });
    }
    let pref_toks = lower_tokens(preferred);
    if variant_tokens.iter().any(|v| contains_seq(&pref_toks, v)) {
        antipatterns.push(Pattern {
            elems: literal_conds(preferred)
                .into_iter()
                .map(|c| elem(c, 1, 1))
                .collect(),
        });
    }
    if spec.historical {
        antipatterns.push(Pattern {
            elems: vec![
                elem(words_cond(HISTORY_BEFORE), 1, 1),
                any_tokens(HISTORY_WINDOW),
                variant_elem(),
            ],
        });
        antipatterns.push(Pattern {
            elems: vec![
                variant_elem(),
                any_tokens(HISTORY_WINDOW),
                elem(words_cond(HISTORY_AFTER), 1, 1),
            ],
        });
        antipatterns.push(Pattern {
            elems: vec![
                variant_elem(),
                elem(words_cond(&["(", ",", "–", "—", "["]), 1, 1),
                elem(words_cond(NOW), 1, 1),
            ],
        });
    }

    // Suggestion: the preferred form, keeping a possessive ending of the variant.
    let mut pairs = Vec::new();
    for v in &spec.variants {
        let l = v.trim().to_lowercase();
        pairs.push((format!("{l}'s"), "'s".to_string()));
        pairs.push((format!("{l}’s"), "’s".to_string()));
        pairs.push((l, String::new()));
    }
    let suggest = vec![Template {
        parts: vec![
            Part::Lit(preferred.to_string()),
            Part::Ref {
                idx: 0,
                op: RefOp::Map(pairs),
            },
        ],
    }];
    let found = Part::Ref {
        idx: 0,
        op: RefOp::Text,
    };
    let message = match &spec.message {
        Some(m) => super::compile::parse_template(m, 1)
            .map_err(|e| err(TermField::Message, format!("term `{id}`: message: {e}")))?,
        None => {
            let mut parts = if spec.from_config {
                vec![
                    Part::Lit(format!(
                        "the project's terminology prefers “{preferred}” to “"
                    )),
                    found,
                    Part::Lit("”".into()),
                ]
            } else {
                vec![
                    Part::Lit(format!("use “{preferred}” rather than “")),
                    found,
                    Part::Lit("”".into()),
                ]
            };
            if let Some(n) = &spec.note {
                parts.push(Part::Lit(format!(" ({})", n.trim())));
            }
            Template { parts }
        }
    };

    for (i, l) in spec.source_lang.iter().enumerate() {
        if !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(err(
                TermField::SourceLang(i),
                format!("term `{id}`: source_lang `{l}` is not an ISO 639 code (\"fr\", \"zh\")"),
            ));
        }
    }

    let variants: Vec<String> = spec.variants.iter().map(|v| v.trim().to_string()).collect();
    let summary = spec.summary.clone().unwrap_or_else(|| {
        format!(
            "{} for “{preferred}”",
            variants
                .iter()
                .map(|v| format!("“{v}”"))
                .collect::<Vec<_>>()
                .join("/")
        )
    });
    let mut description = match &spec.description {
        Some(d) => d.trim().to_string(),
        None => {
            let mut d = format!("Prefer “{preferred}” to {}.", quote_list(&variants));
            if let Some(n) = &spec.note {
                d.push(' ');
                d.push_str(n.trim());
                if !d.ends_with('.') {
                    d.push('.');
                }
            }
            if !spec.exceptions.is_empty() {
                d.push_str(&format!(
                    " Not flagged in {}.",
                    quote_list(&spec.exceptions)
                ));
            }
            if spec.historical {
                d.push_str(
                    " Sentences that talk about the old form (“formerly …”, “renamed”, \
                     “colonial-era”, “… (now …)”) are left alone.",
                );
            }
            d
        }
    };
    if let Some(s) = &spec.source {
        description.push_str(&format!("\n\nSource: {}", s.trim()));
    }
    let mut counter_examples = spec.counter_examples.clone();
    for c in spec.exceptions.iter().map(|e| e.trim().to_string()) {
        if !counter_examples.contains(&c) {
            counter_examples.push(c);
        }
    }
    if !counter_examples.iter().any(|c| c == preferred) {
        counter_examples.push(preferred.to_string());
    }
    let meta = RuleMeta {
        id,
        category: spec.category,
        severity: spec.severity,
        summary: summary.trim().to_string(),
        description,
        fix: spec.fix,
        default_enabled: spec.default_enabled,
        needs_pos: false,
        origin: spec.origin.clone(),
        source_lang: spec.source_lang.clone(),
        examples: spec.examples.clone(),
        counter_examples,
        url: None,
    };
    Ok(CompiledRule {
        meta,
        pattern: Pattern {
            elems: vec![variant_elem()],
        },
        antipatterns,
        context: Vec::new(),
        mark: (0, 0),
        message,
        suggest,
        fix: spec.fix,
        keep_case: variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Check, Context};
    use crate::document::Document;
    use crate::rules::{PackSource, RuleSet};
    use crate::source::SourceKind;

    fn pack(text: &str) -> PackSource {
        PackSource {
            path: "terms.toml".into(),
            origin: "terms.toml".into(),
            text: text.into(),
        }
    }

    fn run(rs: &RuleSet, config: &Config, text: &str) -> Vec<(String, String, Vec<String>)> {
        let doc = Document::new(text, SourceKind::Plain);
        let ctx = Context {
            config,
            lexicon: None,
        };
        let mut out = Vec::new();
        rs.check(&doc, &ctx, &mut out);
        out.into_iter()
            .map(|d| (d.rule, text[d.span].to_string(), d.suggestions))
            .collect()
    }

    const KYIV: &str = r#"
[[term]]
id = "names/kyiv"
preferred = "Kyiv"
variants = ["Kiev"]
exceptions = ["chicken Kiev", "Kiev Rus"]
note = "Ukrainian-based romanisation"
source = "AP Stylebook, 2019"
"#;

    fn flagged(rs: &RuleSet, text: &str) -> Vec<String> {
        run(rs, &Config::default(), text)
            .into_iter()
            .map(|(_, t, _)| t)
            .collect()
    }

    #[test]
    fn a_pack_term_flags_its_variants_with_case_and_possessive() {
        let rs = RuleSet::from_packs(&[pack(KYIV)], &Config::default()).unwrap();
        let got = run(&rs, &Config::default(), "Kiev’s mayor and KIEV'S and kiev.");
        assert_eq!(
            got,
            [
                (
                    "names/kyiv".to_string(),
                    "Kiev’s".to_string(),
                    vec!["Kyiv’s".to_string()]
                ),
                (
                    "names/kyiv".to_string(),
                    "KIEV'S".to_string(),
                    vec!["KYIV'S".to_string()]
                ),
            ]
        );
        let m = &rs.compiled()[0].meta;
        assert!(m.description.contains("AP Stylebook"), "{}", m.description);
        assert!(m.counter_examples.contains(&"chicken Kiev".to_string()));
        assert_eq!(m.summary, "“Kiev” for “Kyiv”");
    }

    #[test]
    fn exceptions_and_history_are_not_flagged() {
        let rs = RuleSet::from_packs(&[pack(KYIV)], &Config::default()).unwrap();
        for ok in [
            "We had Chicken Kiev.",
            "Kiev Rus was a medieval state.",
            "The city, formerly spelled Kiev, is the capital.",
            "Kiev (now Kyiv) was founded long ago.",
            "Kiev was renamed in English usage.",
        ] {
            assert!(flagged(&rs, ok).is_empty(), "{ok}");
        }
        assert_eq!(flagged(&rs, "Talks in Kiev resumed."), ["Kiev"]);
        let off = KYIV.replace("source =", "historical = false\nsource =");
        let rs = RuleSet::from_packs(&[pack(&off)], &Config::default()).unwrap();
        assert_eq!(flagged(&rs, "Kiev (now Kyiv) was founded."), ["Kiev"]);
    }

    #[test]
    fn multi_word_variants_longest_first_and_preferred_containing_a_variant() {
        let rs = RuleSet::from_packs(
            &[pack(
                r#"
[[term]]
preferred = "North Macedonia"
variants = ["Macedonia", "Republic of Macedonia"]
"#,
            )],
            &Config::default(),
        )
        .unwrap();
        let got = run(
            &rs,
            &Config::default(),
            "The Republic of Macedonia's bid. North Macedonia joined. Macedonia voted.",
        );
        let got: Vec<_> = got
            .iter()
            .map(|(r, t, s)| (r.as_str(), t.as_str(), s[0].as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "terminology/north-macedonia",
                    "Republic of Macedonia's",
                    "North Macedonia's"
                ),
                (
                    "terminology/north-macedonia",
                    "Macedonia",
                    "North Macedonia"
                ),
            ]
        );
    }

    #[test]
    fn lower_case_variants_match_any_case() {
        let rs = RuleSet::from_packs(
            &[pack(
                "[[term]]\npreferred = \"drone\"\nvariants = [\"unmanned aerial vehicle\", \"UAV\"]\n",
            )],
            &Config::default(),
        )
        .unwrap();
        let got = run(
            &rs,
            &Config::default(),
            "Unmanned aerial vehicle attacks rose. A UAV and a uav.",
        );
        let got: Vec<_> = got
            .iter()
            .map(|(_, t, s)| (t.as_str(), s[0].as_str()))
            .collect();
        assert_eq!(
            got,
            [("Unmanned aerial vehicle", "Drone"), ("UAV", "drone")]
        );
    }

    #[test]
    fn config_terms_become_terminology_rules() {
        let mut config = Config::default();
        config.terminology.push(Term {
            preferred: "Türkiye".into(),
            variants: vec!["Turkey".into()],
            note: Some("house style".into()),
            exceptions: vec!["Turkey Point".into()],
        });
        config.terminology.push(Term {
            preferred: "Türkiye".into(),
            variants: vec!["Turkiye".into()],
            ..Term::default()
        });
        let rs = RuleSet::from_packs(&[], &config).unwrap();
        let ids: Vec<_> = rs.compiled().iter().map(|r| r.meta.id.as_str()).collect();
        assert_eq!(ids, ["terminology/turkiye", "terminology/turkiye-2"]);
        let doc = Document::new(
            "Turkey and Turkiye; Turkey Point; a turkey.",
            SourceKind::Plain,
        );
        let ctx = Context {
            config: &config,
            lexicon: None,
        };
        let mut out = Vec::new();
        rs.check(&doc, &ctx, &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|d| (d.rule.as_str(), d.span.clone(), d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "terminology/turkiye",
                    0..6,
                    "the project's terminology prefers “Türkiye” to “Turkey” (house style)"
                ),
                (
                    "terminology/turkiye-2",
                    11..18,
                    "the project's terminology prefers “Türkiye” to “Turkiye”"
                ),
            ]
        );
    }

    #[test]
    fn bad_terms_are_errors_with_positions() {
        let e = RuleSet::from_packs(
            &[pack("[[term]]\npreferred = \"Kyiv\"\nvariants = [\"Kiev\"]\nexceptions = [\"chicken Kyiv\"]\n")],
            &Config::default(),
        )
        .err()
        .unwrap();
        assert_eq!((e.line, e.column), (4, 15), "{e}");
        assert!(e.message.contains("none of the variants"), "{e}");
        let e = RuleSet::from_packs(
            &[pack(
                "[[term]]\npreferred = \"Kyiv\"\nvariants = [\"kyiv\"]\n",
            )],
            &Config::default(),
        )
        .err()
        .unwrap();
        assert_eq!(e.line, 3, "{e}");
        let e = RuleSet::from_packs(
            &[pack(
                "[[term]]\npreferred = \"Kyiv\"\nvariants = [\"Kiev\"]\nfix = \"none\"\n",
            )],
            &Config::default(),
        )
        .err()
        .unwrap();
        assert!(e.message.contains("fix"), "{e}");
        let e = RuleSet::from_packs(
            &[pack(
                "[[term]]\npreferred = \"Kyiv\"\nvariant = [\"Kiev\"]\n",
            )],
            &Config::default(),
        )
        .err()
        .unwrap();
        assert_eq!(e.line, 3, "{e}");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mtlint.toml");
        let text = "[[terminology]]\npreferred = \"drone\"\nvariants = [\"UAV\"]\nexceptions = [\"UAS\"]\n";
        std::fs::write(&path, text).unwrap();
        let config = Config::load(&path).unwrap();
        let e = RuleSet::from_packs(&[], &config).err().unwrap();
        assert_eq!(
            (e.path.as_path(), e.line, e.column),
            (path.as_path(), 4, 15),
            "{e}"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Türkiye"), "turkiye");
        assert_eq!(slug("unmanned aerial vehicle"), "unmanned-aerial-vehicle");
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("北京"), "term");
    }
}
