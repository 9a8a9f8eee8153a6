//! `--format json` (one document for the run) and the diagnostic object shared
//! with `--format jsonl`.

use super::Summary;
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the `--format json` document; bumped on incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// The machine-readable shape of one diagnostic (the same in json and jsonl).
///
/// `start`/`end` are byte offsets into the original file; `line`/`column`
/// (1-based, columns count Unicode scalar values) locate them for humans;
/// `utf16_column`/`utf16_end_column` (1-based, in UTF-16 code units) are the columns
/// editors and the LSP count in (subtract 1 for an LSP `character`).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: String,
    pub rule: &'a str,
    pub category: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub utf16_column: usize,
    pub utf16_end_column: usize,
    pub suggestions: &'a [String],
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(report: &FileReport, d: &'a Diagnostic) -> Self {
        let text = &report.source.text;
        let s = report.lines.line_col(text, d.span.start);
        let e = report.lines.line_col(text, d.span.end);
        JsonDiagnostic {
            path: super::display_path(&report.source.path),
            rule: &d.rule,
            category: d.category.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            start: d.span.start,
            end: d.span.end,
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            utf16_column: report.lines.utf16(text, d.span.start).1 + 1,
            utf16_end_column: report.lines.utf16(text, d.span.end).1 + 1,
            suggestions: &d.suggestions,
        }
    }
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonRun<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
}

/// Writes `{"version": 1, "files": [{"path", "diagnostics": [...]}], "summary": {...}}`.
/// Every checked file is listed, also those without diagnostics.
pub fn render(reports: &[FileReport], w: &mut dyn Write) -> io::Result<()> {
    let run = JsonRun {
        version: JSON_VERSION,
        files: reports
            .iter()
            .map(|r| JsonFile {
                path: super::display_path(&r.source.path),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic::new(r, d))
                    .collect(),
            })
            .collect(),
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *w, &run)?;
    w.write_all(b"\n")
}
