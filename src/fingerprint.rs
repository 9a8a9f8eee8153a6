//! Stable identities of findings, for SARIF's `partialFingerprints` and for baselines.
//!
//! A finding's fingerprint is a hash of its rule, the flagged text and up to three words of
//! context on each side (within its line), whitespace folded, plus which occurrence of that same
//! (rule, text, context) in the file it is. Line and column numbers are not part of it, so an
//! edit elsewhere in the file leaves it unchanged; an edit of the flagged words or their
//! neighbours makes it a different finding.

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use std::collections::HashMap;

/// Words of context taken on each side of the flagged text.
const CONTEXT_WORDS: usize = 3;

/// The fingerprint of every diagnostic of `report`, in order (hex strings).
pub fn of_report(report: &FileReport) -> Vec<String> {
    let text = report.source.text.as_str();
    let mut seen: HashMap<String, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let key = key(text, d);
            let n = seen.entry(key.clone()).or_default();
            let fp = format!("{}:{n}", &blake3::hash(key.as_bytes()).to_hex()[..20]);
            *n += 1;
            fp
        })
        .collect()
}

/// (rule, flagged text, context) of one diagnostic as one string.
fn key(text: &str, d: &Diagnostic) -> String {
    let get = |r: std::ops::Range<usize>| text.get(r).unwrap_or("");
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    let before: Vec<&str> = get(line_start..start).split_whitespace().collect();
    let after: Vec<&str> = get(end..line_end).split_whitespace().collect();
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let after = &after[..after.len().min(CONTEXT_WORDS)];
    let flagged: Vec<&str> = get(start..end).split_whitespace().collect();
    format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        d.rule,
        before.join(" "),
        flagged.join(" "),
        after.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};
    use crate::source::offsets::LineIndex;
    use crate::source::{Source, SourceKind};

    fn report(text: &str, needles: &[&str]) -> FileReport {
        let diagnostics = needles
            .iter()
            .flat_map(|n| text.match_indices(n).map(|(i, _)| i..i + n.len()))
            .map(|s| Diagnostic::new("r/x", Category::Style, Severity::Warning, s, "m"))
            .collect();
        FileReport {
            source: Source::in_memory("a.txt", SourceKind::Plain, text.to_string()),
            lines: LineIndex::new(text),
            diagnostics,
        }
    }

    #[test]
    fn edits_elsewhere_keep_fingerprints_and_edits_nearby_change_them() {
        let a = of_report(&report("Intro.\nWe saw the the cat today.\n", &["the the"]));
        let moved = of_report(&report(
            "A new first line.\n\nIntro.\nWe saw the the cat today.\n",
            &["the the"],
        ));
        assert_eq!(a, moved);
        let near = of_report(&report("Intro.\nWe met the the cat today.\n", &["the the"]));
        assert_ne!(a, near);
    }

    #[test]
    fn identical_findings_are_told_apart_by_occurrence() {
        let f = of_report(&report("x the the y\nx the the y\n", &["the the"]));
        assert_eq!(f.len(), 2);
        assert_ne!(f[0], f[1]);
        assert!(f[0].ends_with(":0") && f[1].ends_with(":1"));
    }
}
