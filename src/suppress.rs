//! Inline suppressions: comments in the checked file that turn rules off.
//!
//! Markdown, in HTML comments (which are never checked as prose):
//!
//! ```text
//! <!-- mtlint-disable repetition/repeated-word -->   off from here (no rules: every rule)
//! <!-- mtlint-enable -->                             back on (with rules: only those)
//! <!-- mtlint-disable-next-line calque/*, spelling --> the next line only
//! The price price. <!-- mtlint-disable-line -->       this line only
//! ```
//!
//! Plain text: the same words on a line of their own after an optional comment
//! leader (`#`, `//`, `--`, `<!--`, `;`, ...): `# mtlint-disable-next-line spelling`.
//! A directive line is itself exempt from all rules.
//!
//! Rule selectors are those of `mtlint.toml`: ids, id globs (`calque/*`),
//! families (`calque/`), categories (`repetition`), `all`. Between selectors of
//! one region the most specific wins ([`crate::config::specificity`]); at equal
//! specificity the later directive wins. Text after ` -- ` is a free comment:
//! `<!-- mtlint-disable-next-line spelling -- a product name -->`.
//!
//! Suppressions apply to the position where a diagnostic starts, in byte
//! offsets of the original file.

use crate::config::specificity;
use crate::diagnostic::Diagnostic;
use crate::source::offsets::LineIndex;
use crate::source::SourceKind;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
}

/// One `mtlint-...` comment found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule selectors; empty means every rule.
    pub rules: Vec<String>,
    /// The directive's own text in the original (the comment, or the whole line in plain text).
    pub span: Range<usize>,
}

/// (selector, disabled?) entries in effect from some position on.
type State = Vec<(String, bool)>;

/// The suppressions of one file.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Region state after each Disable/Enable directive: (position, state), sorted.
    regions: Vec<(usize, State)>,
    /// (0-based line, selectors; empty = all) from next-line and line directives.
    lines: Vec<(usize, Vec<String>)>,
    line_index: Option<LineIndex>,
}

fn plain_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(?:[^\w\s]{1,4}[ \t]*)?mtlint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)$")
            .unwrap()
    })
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?s)<!--\s*mtlint-(disable-next-line|disable-line|disable|enable)\b(.*?)-->")
            .unwrap()
    })
}

fn kind_of(word: &str) -> DirectiveKind {
    match word {
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable-line" => DirectiveKind::DisableLine,
        "disable" => DirectiveKind::Disable,
        _ => DirectiveKind::Enable,
    }
}

/// Rule selectors in the rest of a directive: separated by spaces or commas,
/// ending at ` -- ` (a free comment) or at the end of an HTML comment.
fn parse_rules(rest: &str) -> Vec<String> {
    let rest = rest.trim();
    let rest = rest.strip_suffix("-->").unwrap_or(rest);
    let rest = rest.strip_suffix("*/").unwrap_or(rest);
    let mut out = Vec::new();
    for tok in rest.split(|c: char| c.is_whitespace() || c == ',') {
        if tok.is_empty() {
            continue;
        }
        if tok.starts_with("--") {
            break;
        }
        if !tok
            .chars()
            .all(|c| c.is_alphanumeric() || "_-/*.".contains(c))
        {
            break;
        }
        out.push(tok.to_string());
    }
    out
}

/// Finds the directives in a file.
pub fn directives(text: &str, kind: SourceKind) -> Vec<Directive> {
    if !text.contains("mtlint-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    match kind {
        SourceKind::Markdown => {
            for r in html_ranges(text) {
                for c in comment_re().captures_iter(&text[r.clone()]) {
                    let m = c.get(0).unwrap();
                    out.push(Directive {
                        kind: kind_of(&c[1]),
                        rules: parse_rules(&c[2]),
                        span: r.start + m.start()..r.start + m.end(),
                    });
                }
            }
        }
        SourceKind::Xliff => {
            // XML comments anywhere in the file.
            for c in comment_re().captures_iter(text) {
                let m = c.get(0).unwrap();
                out.push(Directive {
                    kind: kind_of(&c[1]),
                    rules: parse_rules(&c[2]),
                    span: m.start()..m.end(),
                });
            }
        }
        // PO: translator comments (`# mtlint-disable-next-line rule`) are lines like in plain text.
        SourceKind::Plain | SourceKind::Po => {
            // Lone CRs end lines too: match on a copy with LF in their place (same offsets).
            let lines = crate::source::newlines::lone_cr_as_lf(text);
            for c in plain_re().captures_iter(&lines) {
                let m = c.get(0).unwrap();
                let line = m.as_str().trim_end_matches('\r');
                out.push(Directive {
                    kind: kind_of(&c[1]),
                    rules: parse_rules(c[2].trim_end_matches('\r')),
                    span: m.start()..m.start() + line.len(),
                });
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// Byte ranges of raw HTML (blocks and inline) in a Markdown file, merged when adjacent.
fn html_ranges(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::Event;
    let mut out: Vec<Range<usize>> = Vec::new();
    for (ev, r) in crate::source::markdown::Body::new(text).events() {
        if matches!(ev, Event::Html(_) | Event::InlineHtml(_)) {
            match out.last_mut() {
                // An HTML block comes line by line: join adjacent pieces.
                Some(last) if last.end == r.start => last.end = r.end,
                _ => out.push(r),
            }
        }
    }
    out
}

impl Suppressions {
    /// Reads the suppressions of a file (original text, before any decoding of markup).
    pub fn parse(text: &str, kind: SourceKind) -> Self {
        let directives = directives(text, kind);
        if directives.is_empty() {
            return Suppressions::default();
        }
        let li = LineIndex::new(text);
        let mut regions = Vec::new();
        let mut state: State = Vec::new();
        let mut lines = Vec::new();
        for d in &directives {
            match d.kind {
                DirectiveKind::Disable => {
                    if d.rules.is_empty() {
                        state = vec![("all".to_string(), true)];
                    } else {
                        state.extend(d.rules.iter().map(|r| (r.clone(), true)));
                    }
                    regions.push((d.span.end, state.clone()));
                }
                DirectiveKind::Enable => {
                    if d.rules.is_empty() {
                        state.clear();
                    } else {
                        state.extend(d.rules.iter().map(|r| (r.clone(), false)));
                    }
                    regions.push((d.span.end, state.clone()));
                }
                DirectiveKind::DisableNextLine => {
                    let last = li.line_of(d.span.end.saturating_sub(1).max(d.span.start));
                    lines.push((last + 1, d.rules.clone()));
                }
                DirectiveKind::DisableLine => {
                    let first = li.line_of(d.span.start);
                    let last = li.line_of(d.span.end.saturating_sub(1).max(d.span.start));
                    for l in first..=last {
                        lines.push((l, d.rules.clone()));
                    }
                }
            }
        }
        Suppressions {
            directives,
            regions,
            lines,
            line_index: Some(li),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// Is this diagnostic (span in original bytes) turned off by a directive?
    pub fn suppresses(&self, d: &Diagnostic) -> bool {
        let Some(li) = &self.line_index else {
            return false;
        };
        let pos = d.span.start;
        let matches = |sel: &str| specificity(sel, &d.rule, d.category).is_some();
        // A directive itself is never flagged.
        if self
            .directives
            .iter()
            .any(|x| x.span.start <= pos && d.span.end <= x.span.end)
        {
            return true;
        }
        let line = li.line_of(pos);
        if self
            .lines
            .iter()
            .any(|(l, rules)| *l == line && (rules.is_empty() || rules.iter().any(|r| matches(r))))
        {
            return true;
        }
        let i = self.regions.partition_point(|(p, _)| *p <= pos);
        if i == 0 {
            return false;
        }
        // Most specific matching selector wins; at equal specificity the later one.
        let mut best: Option<(u8, bool)> = None;
        for (sel, off) in &self.regions[i - 1].1 {
            if let Some(s) = specificity(sel, &d.rule, d.category) {
                if best.map_or(true, |(b, _)| s >= b) {
                    best = Some((s, *off));
                }
            }
        }
        best.is_some_and(|(_, off)| off)
    }

    /// Removes the suppressed diagnostics.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if !self.is_empty() {
            diagnostics.retain(|d| !self.suppresses(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn diag(text: &str, needle: &str, rule: &str, cat: Category) -> Diagnostic {
        let s = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
        Diagnostic::new(rule, cat, Severity::Warning, s..s + needle.len(), "x")
    }

    fn kept(text: &str, kind: SourceKind, ds: &[(&str, &str, Category)]) -> Vec<String> {
        let sup = Suppressions::parse(text, kind);
        let mut v: Vec<Diagnostic> = ds.iter().map(|(n, r, c)| diag(text, n, r, *c)).collect();
        sup.apply(&mut v);
        v.into_iter().map(|d| text[d.span].to_string()).collect()
    }

    const REP: Category = Category::Repetition;
    const CAL: Category = Category::MtCalque;

    #[test]
    fn markdown_region_disable_enable() {
        let t = "Aaa one.\n\n<!-- mtlint-disable repetition/repeated-word -->\n\nBbb two. Ccc.\n\n<!-- mtlint-enable -->\n\nDdd three.\n";
        let ds = [
            ("Aaa", "repetition/repeated-word", REP),
            ("Bbb", "repetition/repeated-word", REP),
            ("Ccc", "calque/son", CAL),
            ("Ddd", "repetition/repeated-word", REP),
        ];
        assert_eq!(kept(t, SourceKind::Markdown, &ds), ["Aaa", "Ccc", "Ddd"]);
    }

    #[test]
    fn disable_all_then_enable_one() {
        let t = "<!-- mtlint-disable -->\n<!-- mtlint-enable calque/* -->\nBbb Ccc.\n";
        let ds = [
            ("Bbb", "repetition/repeated-word", REP),
            ("Ccc", "calque/son", CAL),
        ];
        assert_eq!(kept(t, SourceKind::Markdown, &ds), ["Ccc"]);
        // A category disabled, one of its rules enabled again (more specific wins).
        let t = "<!-- mtlint-disable repetition -->\n<!-- mtlint-enable repetition/repeated-word -->\nBbb Ccc.\n";
        let ds = [
            ("Bbb", "repetition/repeated-word", REP),
            ("Ccc", "repetition/repeated-block", REP),
        ];
        assert_eq!(kept(t, SourceKind::Markdown, &ds), ["Bbb"]);
    }

    #[test]
    fn next_line_and_line() {
        let t = "Aaa.\n<!-- mtlint-disable-next-line calque/son, spelling -- names -->\nBbb Ccc.\nDdd. <!-- mtlint-disable-line -->\nEee.\n";
        let ds = [
            ("Aaa", "calque/son", CAL),
            ("Bbb", "calque/son", CAL),
            ("Ccc", "repetition/repeated-word", REP),
            ("Ddd", "repetition/repeated-word", REP),
            ("Eee", "repetition/repeated-word", REP),
        ];
        assert_eq!(kept(t, SourceKind::Markdown, &ds), ["Aaa", "Ccc", "Eee"]);
        let d = directives(t, SourceKind::Markdown);
        assert_eq!(d[0].rules, ["calque/son", "spelling"]);
        assert_eq!(d[0].kind, DirectiveKind::DisableNextLine);
    }

    #[test]
    fn markdown_directive_in_code_is_not_a_directive() {
        let t = "```\n<!-- mtlint-disable -->\n```\n\nBbb.\n\n`<!-- mtlint-disable -->` Ccc.\n";
        assert!(directives(t, SourceKind::Markdown).is_empty());
        let ds = [("Bbb", "calque/son", CAL), ("Ccc", "calque/son", CAL)];
        assert_eq!(kept(t, SourceKind::Markdown, &ds), ["Bbb", "Ccc"]);
    }

    #[test]
    fn plain_text_directives() {
        let t = "Aaa.\r\n# mtlint-disable-next-line repetition/repeated-word\r\nBbb Ccc.\r\nUse mtlint-disable to stop. Ddd.\r\nEee.\n";
        let ds = [
            ("Aaa", "repetition/repeated-word", REP),
            ("Bbb", "repetition/repeated-word", REP),
            ("Ccc", "calque/son", CAL),
            // Mentioned inside prose: not a directive.
            ("Ddd", "calque/son", CAL),
            ("Eee", "calque/son", CAL),
            // The directive line itself is exempt.
            ("mtlint", "spelling/unknown", Category::Spelling),
        ];
        assert_eq!(
            kept(t, SourceKind::Plain, &ds),
            ["Aaa", "Ccc", "Ddd", "Eee"]
        );
        let d = directives(t, SourceKind::Plain);
        assert_eq!(d.len(), 1);
        assert_eq!(
            &t[d[0].span.clone()],
            "# mtlint-disable-next-line repetition/repeated-word"
        );
    }

    #[test]
    fn plain_disable_until_end() {
        let t = "Aaa.\n// mtlint-disable mt-calque\nBbb. Ccc.\n";
        let ds = [
            ("Aaa", "calque/son", CAL),
            ("Bbb", "calque/son", CAL),
            ("Ccc", "repetition/x", REP),
        ];
        assert_eq!(kept(t, SourceKind::Plain, &ds), ["Aaa", "Ccc"]);
    }
}
