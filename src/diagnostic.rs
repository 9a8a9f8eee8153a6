//! The one type every check produces and every renderer consumes.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Style and convention.
    Info,
    /// A likely MT artifact or mistake.
    Warning,
    /// Wrong with near certainty.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected info, warning or error)"
            )),
        }
    }
}

/// What kind of problem a rule finds. Config can enable/disable whole categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Calques, false friends and literal idioms carried over from the source language.
    MtCalque,
    /// Outdated, disputed or inconsistent names and terms.
    Terminology,
    /// Duplicated words, sentences, paragraphs and blocks.
    Repetition,
    /// Agreement, verb forms, articles and other grammar.
    Grammar,
    /// Unknown words.
    Spelling,
    /// Missing, doubled or misplaced spaces, glued words.
    Spacing,
    /// Quotes, brackets and other punctuation.
    Punctuation,
    /// Upper/lower case.
    Capitalization,
    /// Invisible characters, mixed scripts, stray foreign script, normalization.
    Unicode,
    /// Number, date and quotation conventions of the source locale.
    Locale,
    /// Words or placeholders left untranslated by the MT pipeline.
    Leftover,
    /// Style and wording.
    Style,
    /// The translation against its source: numbers, placeholders, untranslated or
    /// inconsistently translated segments (bilingual input only).
    Accuracy,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::MtCalque,
        Category::Terminology,
        Category::Repetition,
        Category::Grammar,
        Category::Spelling,
        Category::Spacing,
        Category::Punctuation,
        Category::Capitalization,
        Category::Unicode,
        Category::Locale,
        Category::Leftover,
        Category::Style,
        Category::Accuracy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::MtCalque => "mt-calque",
            Category::Terminology => "terminology",
            Category::Repetition => "repetition",
            Category::Grammar => "grammar",
            Category::Spelling => "spelling",
            Category::Spacing => "spacing",
            Category::Punctuation => "punctuation",
            Category::Capitalization => "capitalization",
            Category::Unicode => "unicode",
            Category::Locale => "locale",
            Category::Leftover => "leftover",
            Category::Style => "style",
            Category::Accuracy => "accuracy",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown category `{s}` (expected one of: {})",
                    all.join(", ")
                )
            })
    }
}

/// Whether `--fix` may apply a rule's first suggestion without a human looking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// The first suggestion is always right: applied by `--fix`.
    Safe,
    /// Suggestions are shown but never applied automatically.
    #[default]
    Unsafe,
    /// No suggestion is offered.
    None,
}

/// A secondary location attached to a diagnostic ("first used here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Range<usize>,
    pub note: String,
}

/// One finding. Checks create it with `span` in the coordinates of the checked
/// text ([`crate::document::Document::text`]); the pipeline maps every span to
/// byte offsets of the original file exactly once, before rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    /// Replacement strings for `span`, best first.
    pub suggestions: Vec<String>,
    pub fix: FixSafety,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<String>,
        category: Category,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            category,
            severity,
            message: message.into(),
            span,
            suggestions: Vec::new(),
            fix: FixSafety::None,
            related: Vec::new(),
        }
    }

    /// Adds a suggestion and sets the fix safety.
    pub fn suggest(mut self, replacement: impl Into<String>, fix: FixSafety) -> Self {
        self.suggestions.push(replacement.into());
        self.fix = fix;
        self
    }

    pub fn with_suggestions(mut self, suggestions: Vec<String>, fix: FixSafety) -> Self {
        self.fix = if suggestions.is_empty() {
            FixSafety::None
        } else {
            fix
        };
        self.suggestions = suggestions;
        self
    }

    pub fn related(mut self, span: Range<usize>, note: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            note: note.into(),
        });
        self
    }
}
