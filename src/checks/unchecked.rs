//! `grammar/sentence-not-checked`: says where the grammar engine did not look. Sentences that
//! are not prose (over [`MAX_TOKENS`] words and symbols, or one or a few tokens repeated) are
//! left out of nlprule's analysis (see [`crate::grammar::limits`]), so LanguageTool's rules and
//! the part-of-speech patterns do not run on them; mtlint's other checks still do.

use super::{Check, Context, RuleMeta, Scope};
use crate::diagnostic::{Category, Diagnostic, FixSafety, Severity};
use crate::document::Document;
use crate::grammar::limits::{skip, Skip, MAX_TOKENS, MAX_TOKEN_BYTES};

pub const ID: &str = "grammar/sentence-not-checked";

pub struct Unchecked {
    meta: RuleMeta,
}

impl Default for Unchecked {
    fn default() -> Self {
        let meta = RuleMeta::builtin(
            ID,
            Category::Grammar,
            Severity::Info,
            FixSafety::None,
            "Sentence too long or too repetitive for the grammar check",
        )
        .describe(&format!(
            "The grammar engine (LanguageTool's rules and the part-of-speech patterns) skips \
             \"sentences\" of more than {MAX_TOKENS} words and symbols, with a word longer than \
             {MAX_TOKEN_BYTES} bytes, and runs of a few tokens \
             repeated: they are rarely prose (a table flattened into text, a list without \
             punctuation, generated filler), and the engine's time on them grows with the \
             square of their length. mtlint's other checks still run on them. Split the \
             sentence to have it checked."
        ))
        .example(&format!("[{}]", vec!["the"; 60].join(" ")), None)
        .counter("A normal sentence, however long its clauses may be, is analysed.");
        Unchecked { meta }
    }
}

impl Check for Unchecked {
    fn rules(&self) -> Vec<RuleMeta> {
        vec![self.meta.clone()]
    }

    fn scope(&self) -> Scope {
        Scope::Block
    }

    fn check(&self, doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
        // Only where the grammar engine runs.
        if ctx.lexicon.is_none() {
            return;
        }
        for s in &doc.sentences {
            let Some(why) = skip(doc, s) else { continue };
            let message = match why {
                Skip::Long { tokens } => format!(
                    "grammar not checked: this sentence has {tokens} words and symbols (more than {MAX_TOKENS})"
                ),
                Skip::LongToken { bytes } => format!(
                    "grammar not checked: this sentence has a {bytes}-byte word (longer than {MAX_TOKEN_BYTES})"
                ),
                Skip::Repetitive { tokens, distinct } => format!(
                    "grammar not checked: this sentence repeats {distinct} distinct tokens {tokens} times in all"
                ),
            };
            out.push(self.meta.diag(s.span.clone(), message));
        }
    }
}
