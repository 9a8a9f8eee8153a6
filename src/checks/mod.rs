//! Built-in document checks: one module per check, all behind [`Check`].

use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;

pub mod article;
pub mod bilingual;
pub mod capitalization;
pub mod quotes;
pub mod repeated_block;
pub mod repeated_phrase;
pub mod repeated_word;
pub mod spacing;
pub mod spelling;
pub mod unchecked;
pub mod unicode;
pub mod util;
pub mod variants;

/// Everything a user needs to know about one rule id (listed by `mtlint rules`, shown by `mtlint explain`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub summary: String,
    /// Longer explanation: what it does, why it matters.
    pub description: String,
    pub fix: FixSafety,
    /// Off unless enabled in config.
    pub default_enabled: bool,
    /// Needs part-of-speech tags from the grammar engine (skipped without its data).
    pub needs_pos: bool,
    /// Where the rule comes from: "builtin", "rules/calques.toml", "languagetool", ...
    pub origin: String,
    /// Source languages whose interference the rule targets (ISO 639-1), if any.
    pub source_lang: Vec<String>,
    /// Text that must trigger (brackets mark the span), with the fixed text if any.
    pub examples: Vec<(String, Option<String>)>,
    /// Text that must not trigger.
    pub counter_examples: Vec<String>,
    /// Where the rule is documented on the web (LanguageTool's rules link to one), if anywhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl RuleMeta {
    pub fn builtin(
        id: &str,
        category: Category,
        severity: Severity,
        fix: FixSafety,
        summary: &str,
    ) -> Self {
        RuleMeta {
            id: id.to_string(),
            category,
            severity,
            summary: summary.to_string(),
            description: String::new(),
            fix,
            default_enabled: true,
            needs_pos: false,
            origin: "builtin".to_string(),
            source_lang: Vec::new(),
            url: None,
            examples: Vec::new(),
            counter_examples: Vec::new(),
        }
    }

    /// What `mtlint explain` shows after the heading line (and the language server as hover):
    /// summary, description, source languages, examples, counter-examples, origin.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.summary);
        out.push('\n');
        if !self.description.is_empty() {
            out.push_str(&format!("\n{}\n", self.description.trim_end()));
        }
        if !self.source_lang.is_empty() {
            out.push_str(&format!(
                "\nSource languages: {}\n",
                self.source_lang.join(", ")
            ));
        }
        if !self.examples.is_empty() {
            out.push_str("\nExamples (flagged span in brackets):\n");
            for (t, f) in &self.examples {
                match f {
                    Some(f) => out.push_str(&format!("  ✗ {t}\n      → {f}\n")),
                    None => out.push_str(&format!("  ✗ {t}\n")),
                }
            }
        }
        if !self.counter_examples.is_empty() {
            out.push_str("\nNot flagged:\n");
            for t in &self.counter_examples {
                out.push_str(&format!("  ✓ {t}\n"));
            }
        }
        out.push_str(&format!(
            "\nOrigin: {}{}\n",
            self.origin,
            if self.default_enabled {
                ""
            } else {
                " (off by default)"
            }
        ));
        out
    }

    pub fn describe(mut self, d: &str) -> Self {
        self.description = d.to_string();
        self
    }

    pub fn example(mut self, text: &str, fixed: Option<&str>) -> Self {
        self.examples
            .push((text.to_string(), fixed.map(str::to_string)));
        self
    }

    pub fn counter(mut self, text: &str) -> Self {
        self.counter_examples.push(text.to_string());
        self
    }

    /// A diagnostic of this rule with its default category and severity.
    pub fn diag(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(self.id.clone(), self.category, self.severity, span, message);
        d.fix = FixSafety::None;
        d
    }
}

/// What a check may ask about the run.
pub struct Context<'c> {
    pub config: &'c crate::config::Config,
    /// The tagger lexicon, when the grammar engine's data is loaded.
    pub lexicon: Option<&'c dyn crate::lexicon::Lexicon>,
}

/// What a check's findings depend on; decides what the result cache may store (see `crate::cache`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The findings in a block depend only on that block: its checked text, its original bytes,
    /// the file kind, its POS analysis and the lexicon; every span lies inside the block. The
    /// linter may run the check on a document holding only some of the blocks (those not in the
    /// cache); `doc.text`, `doc.map` and `doc.original` stay whole.
    Block,
    /// Anything else (the check sees the whole document every run). `doc.analysis` is always
    /// None for these: POS analysis is only computed for blocks that miss the cache.
    Document,
}

/// A built-in check. One check may report under several rule ids (all listed by `rules()`).
pub trait Check: Send + Sync {
    /// The rules this check reports under.
    fn rules(&self) -> Vec<RuleMeta>;
    /// Appends diagnostics (spans in checked-text coordinates) to `out`.
    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>);
    /// See [`Scope`]. Document unless the check promises otherwise.
    fn scope(&self) -> Scope {
        Scope::Document
    }
    /// Bytes identifying what the check does beyond its rule list, the config and the mtlint
    /// build (e.g. the text of user rule packs): part of the result cache's key.
    fn fingerprint(&self) -> Vec<u8> {
        Vec::new()
    }
}

/// All built-in checks, in a fixed order.
pub fn builtin() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(repeated_word::RepeatedWord::default()),
        Box::new(repeated_phrase::RepeatedPhrase::default()),
        Box::new(repeated_block::RepeatedBlock::default()),
        Box::new(variants::Variants::default()),
        Box::new(quotes::Quotes::default()),
        Box::new(spacing::Spacing::default()),
        Box::new(capitalization::Capitalization::default()),
        Box::new(article::Article::default()),
        Box::new(unicode::Unicode::default()),
        Box::new(spelling::Spelling::default()),
        Box::new(unchecked::Unchecked::default()),
        Box::new(bilingual::BilingualCheck),
    ]
}
