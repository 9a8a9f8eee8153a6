//! `--format sarif`: SARIF 2.1.0, the format of code-scanning services (GitHub code scanning,
//! GitLab, Azure DevOps) and of SARIF viewers.
//!
//! One run: `tool.driver` names mtlint and describes each rule that has a result (id, short and
//! full description, help with its examples, default level, category and origin as tags, a help
//! link where the rule has one). Each result has `ruleId`/`ruleIndex`, its level (error, warning,
//! note), the message, one location (the file's URI relative to the working directory under
//! `uriBaseId` `%SRCROOT%`, which `originalUriBaseIds` defines; a region with 1-based lines and
//! UTF-16 columns, `columnKind` `utf16CodeUnits`, end column exclusive, and the flagged text as
//! snippet), related locations, a `partialFingerprints` entry that survives edits elsewhere in
//! the file ([`crate::fingerprint`]), and `fixes` where the rule's fix is safe.

use super::RenderOptions;
use crate::checks::RuleMeta;
use crate::diagnostic::{Diagnostic, FixSafety, Severity};
use crate::lint::FileReport;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

/// The key of mtlint's fingerprints in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "mtlint/v1";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a path's bytes for a URI (unreserved characters and `/` stay).
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes: Vec<u8> = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a file: relative to the working directory under `%SRCROOT%` when
/// it is inside it, else an absolute `file://` URI.
fn artifact(path: &Path, cwd: Option<&Path>) -> Value {
    let rel = if path.is_absolute() {
        cwd.and_then(|c| path.strip_prefix(c).ok())
    } else {
        Some(path)
    };
    match rel {
        Some(r) => {
            let r = r.strip_prefix(".").unwrap_or(r);
            json!({"uri": uri_path(r), "uriBaseId": "%SRCROOT%"})
        }
        None => json!({"uri": format!("file://{}", uri_path(path))}),
    }
}

/// A SARIF region for `span` (bytes of the report's text).
fn region(report: &FileReport, span: &Range<usize>) -> Value {
    let text = report.source.text.as_str();
    let (l0, c0) = report.lines.utf16(text, span.start);
    let (l1, c1) = report.lines.utf16(text, span.end);
    let mut r = json!({
        "startLine": l0 + 1,
        "startColumn": c0 + 1,
        "endLine": l1 + 1,
        "endColumn": c1 + 1,
    });
    if let Some(s) = text.get(span.clone()).filter(|s| !s.is_empty()) {
        r["snippet"] = json!({ "text": s });
    }
    r
}

fn rule_descriptor(m: &RuleMeta) -> Value {
    let full = if m.description.trim().is_empty() {
        m.summary.clone()
    } else {
        m.description.trim().to_string()
    };
    let mut help = full.clone();
    for (e, fix) in m.examples.iter().take(3) {
        help.push_str(&format!("\n✗ {e}"));
        if let Some(f) = fix {
            help.push_str(&format!(" → {f}"));
        }
    }
    for c in m.counter_examples.iter().take(3) {
        help.push_str(&format!("\n✓ {c}"));
    }
    let mut d = json!({
        "id": m.id,
        "shortDescription": {"text": m.summary},
        "fullDescription": {"text": full},
        "help": {"text": help},
        "defaultConfiguration": {"level": level(m.severity), "enabled": m.default_enabled},
        "properties": {"tags": [m.category.as_str(), m.origin]},
    });
    if let Some(u) = &m.url {
        d["helpUri"] = json!(u);
    }
    d
}

/// A rule that is not in the rule list (should not happen): described by its id alone.
fn unknown_rule(id: &str) -> Value {
    json!({"id": id, "shortDescription": {"text": id}})
}

fn result(
    report: &FileReport,
    d: &Diagnostic,
    index: usize,
    fingerprint: &str,
    location: &Value,
) -> Value {
    let mut r = json!({
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(report, &d.span)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    });
    if !d.related.is_empty() {
        r["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i,
                    "message": {"text": rel.note},
                    "physicalLocation": {"artifactLocation": location, "region": region(report, &rel.span)},
                })
            })
            .collect();
    }
    if d.fix == FixSafety::Safe {
        if let Some(fix) = d.suggestions.first() {
            r["fixes"] = json!([{
                "description": {"text": if fix.is_empty() { "remove it".to_string() } else { format!("replace with “{fix}”") }},
                "artifactChanges": [{
                    "artifactLocation": location,
                    "replacements": [{"deletedRegion": region(report, &d.span), "insertedContent": {"text": fix}}],
                }],
            }]);
        }
    }
    r
}

pub fn render(reports: &[FileReport], opts: &RenderOptions, w: &mut dyn Write) -> io::Result<()> {
    let cwd = std::env::current_dir().ok();
    let metas: HashMap<&str, &RuleMeta> = opts.rules.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut rules: Vec<Value> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for r in reports {
        let location = artifact(&r.source.path, cwd.as_deref());
        artifacts.push(json!({"location": location}));
        let fps = crate::fingerprint::of_report(r);
        for (d, fp) in r.diagnostics.iter().zip(&fps) {
            let i = *index.entry(d.rule.as_str()).or_insert_with(|| {
                rules.push(
                    metas
                        .get(d.rule.as_str())
                        .map_or_else(|| unknown_rule(&d.rule), |m| rule_descriptor(m)),
                );
                rules.len() - 1
            });
            results.push(result(r, d, i, fp, &location));
        }
    }
    let mut run = json!({
        "tool": {"driver": {
            "name": "mtlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "utf16CodeUnits",
        "artifacts": artifacts,
        "results": results,
    });
    let info = option_env!("CARGO_PKG_HOMEPAGE")
        .filter(|s| !s.is_empty())
        .or(option_env!("CARGO_PKG_REPOSITORY").filter(|s| !s.is_empty()));
    if let Some(u) = info {
        run["tool"]["driver"]["informationUri"] = json!(u);
    }
    if let Some(c) = &cwd {
        let mut base = format!("file://{}", uri_path(c));
        if !base.ends_with('/') {
            base.push('/');
        }
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": base}});
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_path(Path::new("docs/my file.md")), "docs/my%20file.md");
        assert_eq!(uri_path(Path::new("café.md")), "caf%C3%A9.md");
        assert_eq!(
            artifact(Path::new("./a/b.md"), None),
            json!({"uri": "a/b.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact(Path::new("/x/a.md"), Some(Path::new("/y"))),
            json!({"uri": "file:///x/a.md"})
        );
    }
}
