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
    /// LanguageTool rules and POS analysis (None without nlprule data or with `--grammar=off`).
    grammar: Option<crate::grammar::Grammar>,
    /// Some enabled rule needs nlprule's analysis (an LT rule or a POS rule).
    needs_analysis: bool,
    /// Merge diagnostics of different rules on the same text (off only for testing rules one by one).
    merge_rules: bool,
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
            grammar: None,
            needs_analysis: false,
            merge_rules: true,
        }
    }

    /// Adds the grammar engine: its LT rules join the rule list; documents get POS analysis.
    pub fn with_grammar(mut self, grammar: crate::grammar::Grammar) -> Self {
        self.metas.extend(grammar.rules().iter().cloned());
        self.index = self
            .metas
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        self.needs_analysis = grammar.any_rule_enabled()
            || self
                .metas
                .iter()
                .any(|m| m.needs_pos && self.config.is_enabled(m));
        self.grammar = Some(grammar);
        self
    }

    /// Reports every rule's diagnostics even where another rule flags the same text
    /// (no LT/mtlint overlap removal, no one-per-span merge): each rule then behaves as if
    /// it ran alone, which is what a rule's examples are tested against.
    pub fn unmerged(mut self) -> Self {
        self.merge_rules = false;
        self
    }

    pub fn grammar(&self) -> Option<&crate::grammar::Grammar> {
        self.grammar.as_ref()
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
        let mut doc = Document::new(text, kind);
        // nlprule runs once per document; its result feeds doc.analysis and the LT rules.
        let grammar = self.grammar.as_ref().filter(|_| self.needs_analysis);
        let analysis = grammar.and_then(|g| g.analyze(&doc.text, &doc.blocks));
        if let Some(a) = &analysis {
            doc.analysis = Some(a.token_analysis(&doc.tokens));
        }
        let lexicon = grammar.and_then(|g| g.lexicon());
        let ctx = Context {
            config: &self.config,
            lexicon,
        };
        let mut raw = Vec::new();
        for c in &self.checks {
            c.check(&doc, &ctx, &mut raw);
        }
        if let (Some(g), Some(a)) = (grammar, &analysis) {
            g.check(&doc, a, &mut raw);
        }
        let mut kept: Vec<Diagnostic> = raw
            .into_iter()
            .filter_map(|mut d| {
                let meta = self.rule(&d.rule);
                if let Some(m) = meta {
                    if !self.config.is_enabled(m) {
                        return None;
                    }
                    d.severity = self.config.severity_of(&m.id, m.category, d.severity);
                }
                Some(d)
            })
            .collect();
        if self.merge_rules {
            drop_spelling_overlaps(&mut kept);
            drop_lt_overlaps(&mut kept);
        }
        let mut out: Vec<Diagnostic> = kept
            .into_iter()
            .map(|mut d| {
                d.span = doc.map.range(d.span.clone());
                for r in &mut d.related {
                    r.span = doc.map.range(r.span.clone());
                }
                d
            })
            .collect();
        crate::suppress::Suppressions::parse(text, kind).apply(&mut out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        if self.merge_rules {
            keep_one_per_span(&mut out);
        } else {
            out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        }
        out
    }
}

/// Do two spans overlap? An empty span (an insertion point) overlaps a span it touches.
fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.start <= b.end && b.start <= a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Where `spelling/unknown-word` flags text that another mtlint rule also flags ("attackbut" is
/// a glued word for `spacing/glued-words`, a leftover word for a leftover rule), keeps only the
/// other diagnostic: it says what is wrong more precisely. Runs after the config's filter, so a
/// disabled rule does not hide a spelling finding.
fn drop_spelling_overlaps(diags: &mut Vec<Diagnostic>) {
    let spelling = |d: &Diagnostic| d.rule == crate::checks::spelling::RULE;
    let is_lt = |d: &Diagnostic| d.rule.starts_with(crate::grammar::ID_PREFIX);
    drop_overlapped(diags, spelling, |d| !spelling(d) && !is_lt(d));
}

/// Where a LanguageTool rule and an mtlint rule flag overlapping text, keeps only the mtlint
/// diagnostic (it is the more specific one).
fn drop_lt_overlaps(diags: &mut Vec<Diagnostic>) {
    let is_lt = |d: &Diagnostic| d.rule.starts_with(crate::grammar::ID_PREFIX);
    drop_overlapped(diags, is_lt, |d| !is_lt(d));
}

/// Drops every `weak` diagnostic that overlaps a `strong` one. O(n log n) for spans that do not nest deeply.
fn drop_overlapped(
    diags: &mut Vec<Diagnostic>,
    weak: impl Fn(&Diagnostic) -> bool,
    strong: impl Fn(&Diagnostic) -> bool,
) {
    if !diags.iter().any(&weak) {
        return;
    }
    let mut own: Vec<std::ops::Range<usize>> = diags
        .iter()
        .filter(|d| strong(d))
        .map(|d| d.span.clone())
        .collect();
    if own.is_empty() {
        return;
    }
    own.sort_by_key(|r| r.start);
    // max_end[i] = the largest end among own[..=i].
    let max_end: Vec<usize> = own
        .iter()
        .scan(0, |m, r| {
            *m = (*m).max(r.end);
            Some(*m)
        })
        .collect();
    let hit = |span: &std::ops::Range<usize>| {
        // Candidates start at or before the span's end; one of them must reach into it.
        let n = own.partition_point(|r| r.start <= span.end);
        (0..n)
            .rev()
            .take_while(|&i| max_end[i] >= span.start)
            .any(|i| overlaps(&own[i], span))
    };
    diags.retain(|d| !weak(d) || !hit(&d.span));
}

/// Several mtlint rules flagging exactly the same text is one problem: keep the diagnostic
/// with a suggestion, then the more severe, then the first rule id. Expects `diags` sorted by span.
fn keep_one_per_span(diags: &mut Vec<Diagnostic>) {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        match out.last_mut() {
            Some(last) if last.span == d.span && !d.span.is_empty() => {
                let rank = |x: &Diagnostic| (!x.suggestions.is_empty(), x.severity);
                if rank(&d) > rank(last) {
                    *last = d;
                }
            }
            _ => out.push(d),
        }
    }
    *diags = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(rule: &str, span: std::ops::Range<usize>) -> Diagnostic {
        Diagnostic::new(rule, Category::Grammar, Severity::Warning, span, "m")
    }

    #[test]
    fn lt_diagnostic_overlapping_an_mtlint_one_is_dropped() {
        let mut v = vec![
            d("lt/GRAMMAR/X/0", 0..5),
            d("lt/GRAMMAR/Y/0", 10..12),
            d("article/a-an", 4..8),
            d("lt/Z/Q/0", 8..8),
        ];
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["lt/GRAMMAR/Y/0", "article/a-an"]);
    }

    #[test]
    fn lt_overlap_check_sees_long_earlier_spans() {
        let mut v = vec![
            d("repetition/repeated-block", 0..100),
            d("x/short", 10..12),
            d("lt/A/B/0", 50..55),
            d("lt/A/C/0", 100..104),
        ];
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["repetition/repeated-block", "x/short", "lt/A/C/0"]);
    }

    #[test]
    fn one_diagnostic_per_identical_span() {
        let mut with_fix = d("names/kiev", 4..8);
        with_fix.suggestions.push("Kyiv".into());
        let mut v = vec![
            d("terminology/inconsistent-variant", 4..8),
            with_fix,
            d("other/rule", 4..9),
        ];
        keep_one_per_span(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["names/kiev", "other/rule"]);
    }

    #[test]
    fn spelling_overlapping_another_mtlint_rule_is_dropped() {
        let mut v = vec![
            d("spelling/unknown-word", 0..8),
            d("spacing/glued-words", 0..8),
            d("spelling/unknown-word", 10..15),
            d("lt/TYPOS/X/0", 10..15),
        ];
        drop_spelling_overlaps(&mut v);
        drop_lt_overlaps(&mut v);
        let rules: Vec<&str> = v.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["spacing/glued-words", "spelling/unknown-word"]);
    }
}
