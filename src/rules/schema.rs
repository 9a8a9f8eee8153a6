//! The TOML shape of a rule pack (serde types). See `docs/rules-format.md`.
//!
//! Every table denies unknown fields so that a typo (`not_aftr`) is an error with
//! its line and column rather than a silently ignored condition.

use crate::diagnostic::{Category, FixSafety, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One pack file: a list of `[[rule]]` tables and a terminology table (`[[term]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    #[serde(default)]
    pub term: Vec<TermDef>,
    /// Named word lists (`[lists]`): an entry `"@name"` in a word list of this pack's token
    /// tables (`any`, `not_any`, `not_word`, `lemma`, `not_lemma`, `not_after`, `not_before`)
    /// stands for all the words of list `name`. A list may name other lists.
    #[serde(default)]
    pub lists: BTreeMap<String, Spanned<Vec<String>>>,
}

/// A `[[term]]` table: a preferred term and the variants to flag, compiled into one rule
/// (see `rules::terms` and `docs/rules-format.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    /// Rule id; default `terminology/<slug of preferred>`.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    pub preferred: Spanned<String>,
    pub variants: Vec<Spanned<String>>,
    /// Phrases in which a variant is right ("chicken Kiev", "Peking University").
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// Why the preferred form (shown in the message).
    #[serde(default)]
    pub note: Option<String>,
    /// Where the preference comes from (style guide, official decision), shown by `explain`.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// Message template; `{1}` is the variant found. Default: built from `preferred` and `note`.
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub source_lang: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub default_enabled: bool,
    /// `safe` or `unsafe` (default); a term always suggests its preferred form.
    #[serde(default)]
    pub fix: Option<FixSafety>,
    /// Sentences that talk about the old name ("formerly", "renamed", "(now ...)") are not
    /// flagged unless this is `false`.
    #[serde(default = "yes")]
    pub historical: bool,
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleDef>>,
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
}

/// One or several strings (`lemma = "be"` or `lemma = ["be", "have"]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// `mark = 2` (one pattern token) or `mark = [1, 3]` (tokens 1 to 3), 1-based, inclusive.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(untagged)]
pub enum MarkDef {
    One(usize),
    Range([usize; 2]),
}

/// An example that must trigger: the brackets in `text` mark the reported span; `fix` is the first suggestion.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    pub text: String,
    #[serde(default)]
    pub fix: Option<String>,
}

/// A `[[rule]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// "family/name", e.g. "calque/possessive-son".
    pub id: Spanned<String>,
    pub category: Category,
    pub severity: Severity,
    /// One line, shown by `mtlint rules`.
    pub summary: String,
    /// What the rule does and why the flagged text is wrong (shown by `mtlint explain`).
    #[serde(default)]
    pub description: String,
    /// The diagnostic message; may refer to matched tokens (`{1}`). Default: the summary.
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    #[serde(default)]
    pub source_lang: Vec<Spanned<String>>,
    /// The tokens to match, in order, inside one sentence.
    pub pattern: Vec<Spanned<TokenDef>>,
    /// Exceptions: when one of these matches tokens overlapping the match, nothing is reported.
    #[serde(default)]
    pub antipatterns: Vec<Vec<Spanned<TokenDef>>>,
    /// Requirements on the sentence: when given, one of these must match somewhere in the sentence.
    #[serde(default)]
    pub context: Vec<Vec<Spanned<TokenDef>>>,
    /// Which pattern tokens form the reported span (default: all).
    #[serde(default)]
    pub mark: Option<Spanned<MarkDef>>,
    /// Replacement templates for the marked span, best first.
    #[serde(default)]
    pub suggest: Vec<Spanned<String>>,
    /// Default: `unsafe` when there are suggestions, `none` otherwise.
    #[serde(default)]
    pub fix: Option<FixSafety>,
    #[serde(default = "yes")]
    pub default_enabled: bool,
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleDef>>,
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

/// One pattern token: conditions on a document token plus repetition and context modifiers.
/// All given conditions must hold (AND); each `not_*` condition must fail.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenDef {
    // --- positive conditions on the token itself ---
    /// A literal word (case-insensitive unless `case_sensitive`).
    #[serde(default)]
    pub word: Option<String>,
    /// Literal alternatives.
    #[serde(default)]
    pub any: Option<Vec<String>>,
    /// A regular expression over the whole token (anchored; case-insensitive unless `case_sensitive`).
    #[serde(default)]
    pub regex: Option<String>,
    /// A word class (see `compile::Class`).
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    /// Regex over the Penn Treebank tags of the token's readings (needs the grammar engine).
    #[serde(default)]
    pub tag: Option<String>,
    /// Lemma(s) of the token's readings (needs the grammar engine).
    #[serde(default)]
    pub lemma: Option<OneOrMany>,
    /// Regex over the token's chunk labels (needs the grammar engine).
    #[serde(default)]
    pub chunk: Option<String>,
    /// `true`: whitespace must precede the token; `false`: it must not.
    #[serde(default)]
    pub space_before: Option<bool>,
    /// Same as `space_before = false`.
    #[serde(default)]
    pub no_space_before: bool,

    // --- negated conditions ---
    #[serde(default)]
    pub not_word: Option<OneOrMany>,
    #[serde(default)]
    pub not_any: Option<Vec<String>>,
    #[serde(default)]
    pub not_regex: Option<String>,
    #[serde(default)]
    pub not_class: Option<OneOrMany>,
    #[serde(default)]
    pub not_tag: Option<String>,
    #[serde(default)]
    pub not_lemma: Option<OneOrMany>,
    #[serde(default)]
    pub not_chunk: Option<String>,
    /// A nested token condition that must not hold as a whole.
    #[serde(default)]
    pub not: Option<Box<TokenDef>>,

    // --- repetition ---
    /// Same as `repeat = "0..1"`.
    #[serde(default)]
    pub optional: bool,
    /// How many consecutive tokens this element matches: "2", "0..2", "1..3".
    #[serde(default)]
    pub repeat: Option<String>,

    // --- context (outside the element) ---
    /// The token just before the element's first token must not be one of these words.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// The token just after the element's last token must not be one of these words.
    #[serde(default)]
    pub not_before: Vec<String>,
    /// No word or number precedes the element in the sentence (opening quotes and brackets may).
    #[serde(default)]
    pub sentence_start: bool,
    /// No word or number follows the element in the sentence.
    #[serde(default)]
    pub sentence_end: bool,
}
