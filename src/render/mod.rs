//! Output formats. Each renderer takes the finished reports and writes them.

pub mod jsonl;

use crate::lint::FileReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source lines (codespan-reporting).
    Human,
    /// One JSON object for the whole run.
    Json,
    /// One JSON object per diagnostic per line.
    Jsonl,
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
}
