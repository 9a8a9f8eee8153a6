//! mtlint's findings as LSP values: diagnostics, quick fixes, the suppression action, fix-all
//! and hover text.

use super::documents::{Doc, Encoding};
use crate::checks::RuleMeta;
use crate::diagnostic::{Diagnostic, FixSafety, Severity};
use crate::source::SourceKind;
use serde_json::{json, Value};

/// The name diagnostics carry as `source`.
pub const SOURCE: &str = "mtlint";
/// The code action kind of "apply every safe fix".
pub const FIX_ALL: &str = "source.fixAll.mtlint";

/// An LSP diagnostic for one finding.
pub fn diagnostic(doc: &Doc, d: &Diagnostic, meta: Option<&RuleMeta>, enc: Encoding) -> Value {
    let severity = match d.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    };
    let mut v = json!({
        "range": doc.range(&d.span, enc),
        "severity": severity,
        "code": d.rule,
        "source": SOURCE,
        "message": d.message,
    });
    if let Some(url) = meta.and_then(|m| m.url.as_deref()) {
        v["codeDescription"] = json!({ "href": url });
    }
    if !d.related.is_empty() {
        v["relatedInformation"] = d
            .related
            .iter()
            .map(|r| {
                json!({
                    "location": {"uri": doc.uri, "range": doc.range(&r.span, enc)},
                    "message": r.note,
                })
            })
            .collect();
    }
    v
}

/// A workspace edit of one document: `edits` are (byte range, new text).
pub fn workspace_edit(
    doc: &Doc,
    edits: &[(std::ops::Range<usize>, String)],
    enc: Encoding,
) -> Value {
    let edits: Vec<Value> = edits
        .iter()
        .map(|(r, t)| json!({"range": doc.range(r, enc), "newText": t}))
        .collect();
    json!({ "changes": { doc.uri.clone(): edits } })
}

/// The code actions for one finding: a quick fix per suggestion (the first preferred when the
/// rule's fix is safe), and "disable RULE on this line". `d` has been through
/// [`crate::fix::protect_markup`] (suggestions escaped for the file, fixes touching syntax
/// demoted).
pub fn actions_for(
    doc: &Doc,
    kind: SourceKind,
    d: &Diagnostic,
    lsp: &Value,
    enc: Encoding,
) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, s) in d.suggestions.iter().enumerate() {
        let title = if s.is_empty() {
            format!(
                "Remove “{}”",
                doc.text.get(d.span.clone()).unwrap_or("").trim()
            )
        } else {
            format!("Replace with “{s}”")
        };
        out.push(json!({
            "title": title,
            "kind": "quickfix",
            "diagnostics": [lsp],
            "isPreferred": i == 0 && d.fix == FixSafety::Safe,
            "edit": workspace_edit(doc, &[(d.span.clone(), s.clone())], enc),
        }));
    }
    // A PO file has no comment line to put between a msgid and its msgstr.
    if kind != SourceKind::Po {
        out.push(json!({
            "title": format!("Disable {} on this line", d.rule),
            "kind": "quickfix",
            "diagnostics": [lsp],
            "edit": workspace_edit(doc, &[suppression(doc, kind, d)], enc),
        }));
    }
    out
}

/// The edit that turns `d`'s rule off on its line: an HTML comment at the end of the line in
/// Markdown, a directive line above it in plain text (with the line's indentation).
pub fn suppression(
    doc: &Doc,
    kind: SourceKind,
    d: &Diagnostic,
) -> (std::ops::Range<usize>, String) {
    let text = &doc.text;
    let line = doc.lines.line_of(d.span.start.min(text.len()));
    let start = doc.lines.line_start(line);
    let next = doc.lines.next_line_start(line).unwrap_or(text.len());
    let content_end = start + text[start..next].trim_end_matches(['\n', '\r']).len();
    match kind {
        SourceKind::Markdown | SourceKind::Xliff => (
            content_end..content_end,
            format!(" <!-- mtlint-disable-line {} -->", d.rule),
        ),
        SourceKind::Plain | SourceKind::Po => {
            // (PO is never asked: see `actions_for`.)
            let indent: String = text[start..content_end]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let newline = crate::source::newlines::dominant(text);
            (
                start..start,
                format!("{indent}mtlint-disable-next-line {}{newline}", d.rule),
            )
        }
    }
}

/// The smallest single edit that turns `old` into `new` (common prefix and suffix kept).
pub fn minimal_edit(old: &str, new: &str) -> (std::ops::Range<usize>, String) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    // Equal characters before `prefix` are equal bytes: it is a boundary in both texts.
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = 0;
    for (a, b) in old[prefix..].chars().rev().zip(new[prefix..].chars().rev()) {
        if a != b || suffix + a.len_utf8() > max_suffix {
            break;
        }
        suffix += a.len_utf8();
    }
    (
        prefix..old.len() - suffix,
        new[prefix..new.len() - suffix].to_string(),
    )
}

/// Hover text for a rule: what `mtlint explain` says, as Markdown.
pub fn hover(meta: &RuleMeta, severity: Severity) -> String {
    format!("**{}** ({severity})\n\n{}", meta.id, meta.explain())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;

    #[test]
    fn minimal_edits_keep_common_ends() {
        assert_eq!(minimal_edit("The the cat.", "The cat."), (4..8, "".into()));
        assert_eq!(minimal_edit("abc", "abc"), (3..3, "".into()));
        assert_eq!(minimal_edit("café x", "cafe x"), (3..5, "e".into()));
    }

    #[test]
    fn suppression_comments_per_kind() {
        let d = Diagnostic::new("r/x", Category::Style, Severity::Warning, 10..13, "m");
        let md = Doc::new(
            "u".into(),
            0,
            "markdown".into(),
            "Intro.\n\n  The the cat.\n".into(),
        );
        assert_eq!(
            suppression(&md, SourceKind::Markdown, &d),
            (22..22, " <!-- mtlint-disable-line r/x -->".into())
        );
        let txt = Doc::new(
            "u".into(),
            0,
            "text".into(),
            "Intro.\r\n\r\n  The the cat.\r\n".into(),
        );
        let d = Diagnostic::new("r/x", Category::Style, Severity::Warning, 14..17, "m");
        assert_eq!(
            suppression(&txt, SourceKind::Plain, &d),
            (10..10, "  mtlint-disable-next-line r/x\r\n".into())
        );
    }
}
