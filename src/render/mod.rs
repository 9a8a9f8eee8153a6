//! Output formats. Each renderer is one file with one function,
//! `render(reports, ..., writer)`, over the finished, sorted reports; [`render`]
//! dispatches on [`Format`]. A new format (SARIF, GitHub annotations) is a new
//! file, a new [`Format`] variant and one match arm.

pub mod diff;
pub mod human;
pub mod json;
pub mod jsonl;

use crate::lint::FileReport;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source lines (codespan-reporting).
    Human,
    /// One JSON object for the whole run.
    Json,
    /// One JSON object per diagnostic per line.
    Jsonl,
}

/// What renderers may need besides the reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only).
    pub color: bool,
}

/// Writes `reports` in `format`. Reports must already be in output order
/// (sorted by path, diagnostics by position).
pub fn render(
    format: Format,
    reports: &[FileReport],
    opts: &RenderOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(reports, opts, w),
        Format::Json => json::render(reports, w),
        Format::Jsonl => jsonl::render(reports, w),
    }
}

/// Totals for the summary line and the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files_with_diagnostics: usize,
    pub files_checked: usize,
}

/// "1 file", "2 files".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut s = Summary {
            files_checked: reports.len(),
            ..Default::default()
        };
        for r in reports {
            if !r.diagnostics.is_empty() {
                s.files_with_diagnostics += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    crate::Severity::Error => s.errors += 1,
                    crate::Severity::Warning => s.warnings += 1,
                    crate::Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// The human summary: "1 error, 2 warnings in 1 of 3 files" (counts of zero
    /// are left out) or "no problems found in 3 files".
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        for (n, w) in [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ] {
            if n > 0 {
                parts.push(plural(n, w));
            }
        }
        if parts.is_empty() {
            return format!(
                "no problems found in {}",
                plural(self.files_checked, "file")
            );
        }
        format!(
            "{} in {} of {}",
            parts.join(", "),
            self.files_with_diagnostics,
            plural(self.files_checked, "file")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let s = Summary {
            errors: 1,
            warnings: 2,
            infos: 0,
            files_with_diagnostics: 1,
            files_checked: 3,
        };
        assert_eq!(s.line(), "1 error, 2 warnings in 1 of 3 files");
        let s = Summary {
            infos: 1,
            files_with_diagnostics: 1,
            files_checked: 1,
            ..Default::default()
        };
        assert_eq!(s.line(), "1 info in 1 of 1 file");
        let s = Summary {
            files_checked: 1,
            ..Default::default()
        };
        assert_eq!(s.line(), "no problems found in 1 file");
    }
}
