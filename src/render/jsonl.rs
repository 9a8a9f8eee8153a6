//! `--format jsonl`: one diagnostic per line with exact byte spans.

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use serde::Serialize;
use std::io::{self, Write};

/// The machine-readable shape of one diagnostic (shared by json and jsonl).
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
    pub suggestions: &'a [String],
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(report: &FileReport, d: &'a Diagnostic) -> Self {
        let text = &report.source.text;
        let s = report.lines.line_col(text, d.span.start);
        let e = report.lines.line_col(text, d.span.end);
        JsonDiagnostic {
            path: report.source.path.display().to_string(),
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
            suggestions: &d.suggestions,
        }
    }
}

pub fn render(reports: &[FileReport], w: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            serde_json::to_writer(&mut *w, &JsonDiagnostic::new(r, d))?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}
