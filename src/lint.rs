//! The pipeline for one input: Source → Document → checks → filtered, mapped, sorted diagnostics.

use crate::checks::{Check, Context, RuleMeta};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::source::offsets::LineIndex;
use crate::source::Source;
use std::collections::HashMap;

/// The diagnostics of one file, spans in original byte offsets, sorted by position.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    pub lines: LineIndex,
}

/// Runs every enabled check on inputs. Build once, use for many files (it is `Sync`).
pub struct Linter {
    pub config: Config,
    checks: Vec<Box<dyn Check>>,
    metas: Vec<RuleMeta>,
    index: HashMap<String, usize>,
}

impl Linter {
    pub fn new(config: Config, checks: Vec<Box<dyn Check>>) -> Self {
        let mut metas = Vec::new();
        for c in &checks {
            metas.extend(c.rules());
        }
        let index = metas
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        Linter {
            config,
            checks,
            metas,
            index,
        }
    }

    /// Every rule known to this linter, in check order.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.metas
    }

    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.index.get(id).map(|&i| &self.metas[i])
    }

    /// Checks one source.
    pub fn check(&self, source: Source) -> FileReport {
        let diagnostics = self.check_text(&source.text, source.kind);
        let lines = LineIndex::new(&source.text);
        FileReport {
            source,
            diagnostics,
            lines,
        }
    }

    /// Checks a text; spans of the result are byte offsets into `text`.
    pub fn check_text(&self, text: &str, kind: crate::source::SourceKind) -> Vec<Diagnostic> {
        let doc = Document::new(text, kind);
        let ctx = Context {
            config: &self.config,
            lexicon: None,
        };
        let mut raw = Vec::new();
        for c in &self.checks {
            c.check(&doc, &ctx, &mut raw);
        }
        let mut out: Vec<Diagnostic> = raw
            .into_iter()
            .filter_map(|mut d| {
                let meta = self.rule(&d.rule);
                if let Some(m) = meta {
                    if !self.config.is_enabled(m) {
                        return None;
                    }
                    d.severity = self.config.severity_of(&m.id, m.category, d.severity);
                }
                d.span = doc.map.range(d.span.clone());
                for r in &mut d.related {
                    r.span = doc.map.range(r.span.clone());
                }
                Some(d)
            })
            .collect();
        crate::suppress::Suppressions::parse(text, kind).apply(&mut out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        out
    }
}
