//! Applying safe fixes: a library function the CLI (`--fix`, `--diff`) and a
//! future language server share.
//!
//! Only diagnostics whose [`FixSafety`] is `Safe` are fixed, with their first
//! suggestion. Fixes never overlap: they are taken in order of start (then the
//! longer span, then rule id) and one that overlaps an already taken fix is
//! left for the next pass. [`fix_until_stable`] re-checks and fixes again until
//! nothing changes (at most [`MAX_PASSES`] passes), so a second run changes nothing.
//!
//! Nothing outside the replaced spans is touched: a byte-order mark stays, and
//! a replacement that contains a line break gets the file's own line break
//! (`\r\n` or a lone `\r`).

pub mod write;

use crate::diagnostic::{Diagnostic, FixSafety};
use std::ops::Range;
pub use write::{write_fixed, Refused, Written};

/// Passes of check-and-fix before giving up on reaching a fixed point.
pub const MAX_PASSES: usize = 10;

/// Characters of Markdown markup: a fix whose span contains one could break the markup.
const MARKUP: &[char] = &['*', '_', '`', '[', ']', '<', '>', '\\', '&', '|', '~', '#'];

/// Keeps fixes from breaking the file's syntax. In Markdown, a safe fix whose span (in the
/// original) covers markup or a block break is demoted to unsafe: shown, never applied by
/// `--fix` (spans come from the prose only, but can still straddle `**`, a link or an entity).
/// In XLIFF and PO, a fix whose span covers an entity, a tag, an escape or a string joint is
/// demoted the same way, and every suggestion is escaped for the file (`&` → `&amp;`, `"` →
/// `\"`), so that the replaced bytes are valid XML or PO.
pub fn protect_markup(text: &str, kind: crate::source::SourceKind, diagnostics: &mut [Diagnostic]) {
    use crate::source::SourceKind;
    let syntax: &[char] = match kind {
        SourceKind::Plain => return,
        SourceKind::Markdown => MARKUP,
        SourceKind::Xliff => &['<', '&', '>'],
        SourceKind::Po => &['"', '\\', '\n'],
    };
    for d in diagnostics.iter_mut() {
        if kind.is_bilingual() {
            for s in &mut d.suggestions {
                if let std::borrow::Cow::Owned(e) = kind.escape(s) {
                    *s = e;
                }
            }
        }
        if d.fix != FixSafety::Safe {
            continue;
        }
        let Some(s) = text.get(d.span.clone()) else {
            continue;
        };
        if s.contains(syntax) || s.contains("\n\n") || s.contains("\n\r\n") {
            d.fix = FixSafety::Unsafe;
        }
    }
}

/// One replacement in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub replacement: String,
    pub rule: String,
}

/// The safe, non-overlapping edits for `diagnostics` (spans in bytes of `text`), sorted by position.
pub fn edits(text: &str, diagnostics: &[Diagnostic]) -> Vec<TextEdit> {
    let newline = crate::source::newlines::dominant(text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut candidates: Vec<TextEdit> = diagnostics
        .iter()
        .filter(|d| d.fix == FixSafety::Safe)
        .filter_map(|d| {
            let replacement = d.suggestions.first()?;
            let r = d.span.clone();
            if r.start > r.end
                || r.end > text.len()
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
            {
                return None;
            }
            // Never touch the BOM or split a CRLF pair.
            if r.start < bom || splits_crlf(text, r.start) || splits_crlf(text, r.end) {
                return None;
            }
            let replacement = if newline != "\n" && replacement.contains('\n') {
                replacement.replace("\r\n", "\n").replace('\n', newline)
            } else {
                replacement.clone()
            };
            if text[r.clone()] == replacement {
                return None;
            }
            Some(TextEdit {
                range: r,
                replacement,
                rule: d.rule.clone(),
            })
        })
        .collect();
    candidates.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end), &a.rule).cmp(&(
            b.range.start,
            std::cmp::Reverse(b.range.end),
            &b.rule,
        ))
    });
    let mut out: Vec<TextEdit> = Vec::new();
    for c in candidates {
        if let Some(last) = out.last() {
            // Overlap, or two insertions at one point (their order would be arbitrary).
            let overlaps = c.range.start < last.range.end || (c.range.start == last.range.start);
            if overlaps {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn splits_crlf(text: &str, pos: usize) -> bool {
    pos > 0
        && pos < text.len()
        && text.as_bytes()[pos - 1] == b'\r'
        && text.as_bytes()[pos] == b'\n'
}

/// Applies the edits (sorted, non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// One pass: applies every safe fix that does not overlap an earlier one.
/// Returns the new text and the number of fixes applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let e = edits(text, diagnostics);
    (apply_edits(text, &e), e.len())
}

/// The result of fixing one text until it is stable.
#[derive(Clone, Debug)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over all passes.
    pub fixed: usize,
    /// The diagnostics of the final text.
    pub remaining: Vec<Diagnostic>,
    /// False when [`MAX_PASSES`] passes still left safe fixes to apply.
    pub converged: bool,
}

/// Checks `text` with `check`, applies safe fixes, and repeats on the new text
/// until no safe fix applies (or [`MAX_PASSES`] passes). `first` are the
/// diagnostics of `text` when already known.
pub fn fix_until_stable(
    text: &str,
    first: Option<Vec<Diagnostic>>,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut diagnostics = first.unwrap_or_else(|| check(&current));
    let mut fixed = 0;
    for _ in 0..MAX_PASSES {
        let (next, n) = apply(&current, &diagnostics);
        if n == 0 || next == current {
            return Fixed {
                text: current,
                fixed,
                remaining: diagnostics,
                converged: true,
            };
        }
        fixed += n;
        current = next;
        diagnostics = check(&current);
    }
    let converged = edits(&current, &diagnostics).is_empty();
    Fixed {
        text: current,
        fixed,
        remaining: diagnostics,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    fn d(text: &str, needle: &str, rule: &str, fix: &str, safety: FixSafety) -> Diagnostic {
        let s = text.find(needle).unwrap();
        Diagnostic::new(
            rule,
            Category::Style,
            Severity::Warning,
            s..s + needle.len(),
            "m",
        )
        .suggest(fix, safety)
    }

    /// A toy check: "price price" → "price" (safe), "son ally" → "its ally" (safe), "colour" (unsafe).
    fn check(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (needle, rule, fix, safety) in [
            ("price price", "r/word", "price", FixSafety::Safe),
            ("son ally", "r/son", "its ally", FixSafety::Safe),
            ("colour", "r/us", "color", FixSafety::Unsafe),
        ] {
            let starts = text
                .char_indices()
                .map(|(i, _)| i)
                .filter(|&i| text[i..].starts_with(needle));
            for i in starts {
                out.push(
                    Diagnostic::new(
                        rule,
                        Category::Style,
                        Severity::Warning,
                        i..i + needle.len(),
                        "m",
                    )
                    .suggest(fix, safety),
                );
            }
        }
        out.sort_by_key(|d| d.span.start);
        out
    }

    #[test]
    fn applies_safe_fixes_only() {
        let t = "A high price price for son ally and colour.";
        let (out, n) = apply(t, &check(t));
        assert_eq!(out, "A high price for its ally and colour.");
        assert_eq!(n, 2);
    }

    #[test]
    fn overlapping_fixes_resolve_in_passes_and_converge() {
        // "price price price": the first fix takes bytes 0..11; the overlapping second waits for pass 2.
        let t = "price price price.";
        let ds = check(t);
        assert_eq!(ds.len(), 2);
        let (once, n) = apply(t, &ds);
        assert_eq!((once.as_str(), n), ("price price.", 1));
        let f = fix_until_stable(t, None, check);
        assert_eq!(f.text, "price.");
        assert_eq!(f.fixed, 2);
        assert!(f.converged && f.remaining.is_empty());
        // Idempotent.
        let again = fix_until_stable(&f.text, None, check);
        assert_eq!((again.text.as_str(), again.fixed), ("price.", 0));
    }

    #[test]
    fn earliest_then_longest_wins() {
        let t = "abcdef";
        let ds = vec![
            d(t, "cd", "z/short", "X", FixSafety::Safe),
            d(t, "bcd", "a/long", "Y", FixSafety::Safe),
            d(t, "bc", "a/b", "Z", FixSafety::Safe),
        ];
        assert_eq!(apply(t, &ds).0, "aYef");
    }

    #[test]
    fn keeps_bom_and_crlf() {
        let t = "\u{feff}One son ally.\r\nTwo price price.\r\n";
        let f = fix_until_stable(t, None, check);
        assert_eq!(f.text, "\u{feff}One its ally.\r\nTwo price.\r\n");
        // A replacement with a line break follows the file's CRLF.
        let ds = vec![d(t, "One", "r/x", "A\nB", FixSafety::Safe)];
        assert_eq!(
            apply(t, &ds).0,
            "\u{feff}A\r\nB son ally.\r\nTwo price price.\r\n"
        );
        // A span that would split a CRLF or cover the BOM is refused.
        let bad = vec![
            Diagnostic::new("r/x", Category::Style, Severity::Warning, 0..4, "m")
                .suggest("", FixSafety::Safe),
            Diagnostic::new("r/x", Category::Style, Severity::Warning, 17..18, "m")
                .suggest("", FixSafety::Safe),
        ];
        assert_eq!(&t[16..18], "\r\n");
        assert_eq!(apply(t, &bad), (t.to_string(), 0));
    }

    #[test]
    fn refuses_spans_off_char_boundaries_and_no_op_fixes() {
        let t = "é price";
        let ds = vec![
            Diagnostic::new("r/x", Category::Style, Severity::Warning, 1..2, "m")
                .suggest("e", FixSafety::Safe),
            Diagnostic::new("r/x", Category::Style, Severity::Warning, 3..8, "m")
                .suggest("price", FixSafety::Safe),
            Diagnostic::new("r/x", Category::Style, Severity::Warning, 3..80, "m")
                .suggest("", FixSafety::Safe),
        ];
        assert_eq!(apply(t, &ds), (t.to_string(), 0));
    }

    #[test]
    fn markdown_markup_is_never_fixed_automatically() {
        use crate::source::SourceKind;
        let t = "The **price** price and the price price.\n";
        let mut ds = vec![
            Diagnostic::new("r/w", Category::Style, Severity::Warning, 4..19, "m")
                .suggest("price", FixSafety::Safe),
            d(t, "price price", "r/w", "price", FixSafety::Safe),
        ];
        assert_eq!(&t[4..19], "**price** price");
        protect_markup(t, SourceKind::Plain, &mut ds);
        assert_eq!(ds[0].fix, FixSafety::Safe);
        protect_markup(t, SourceKind::Markdown, &mut ds);
        assert_eq!((ds[0].fix, ds[1].fix), (FixSafety::Unsafe, FixSafety::Safe));
        assert_eq!(apply(t, &ds).0, "The **price** price and the price.\n");
    }

    #[test]
    fn a_fix_that_keeps_producing_fixes_stops() {
        // Pathological check: always offers to append "x".
        let f = fix_until_stable("a", None, |t| {
            vec![Diagnostic::new(
                "r/x",
                Category::Style,
                Severity::Warning,
                t.len()..t.len(),
                "m",
            )
            .suggest("x", FixSafety::Safe)]
        });
        assert_eq!(f.fixed, MAX_PASSES);
        assert!(!f.converged);
    }
}
