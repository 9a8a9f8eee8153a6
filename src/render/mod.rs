//! Output formats. Each renderer is one file with one function,
//! `render(reports, ..., writer)`, over the finished, sorted reports; [`render`]
//! dispatches on [`Format`]. A new format (SARIF, GitHub annotations) is a new
//! file, a new [`Format`] variant and one match arm.

pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;

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
    /// SARIF 2.1.0 (code scanning: GitHub, GitLab, Azure DevOps, the VS Code SARIF viewer).
    Sarif,
    /// GitHub Actions workflow commands (annotations on a pull request's files).
    Github,
}

/// What renderers may need besides the reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions<'a> {
    /// Use ANSI colours (human format only).
    pub color: bool,
    /// Every rule's metadata (SARIF describes the rules it reports).
    pub rules: &'a [crate::checks::RuleMeta],
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
        Format::Sarif => sarif::render(reports, opts, w),
        Format::Github => github::render(reports, w),
    }
}

/// A path as every output format writes it, in a form that round-trips to the exact file name:
/// UTF-8 names as they are, except that a backslash is written `\\`, and a byte that is not
/// UTF-8 or is an ASCII control character (a newline in a name) is written `\xNN`.
pub fn display_path(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes: &[u8] = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str());
    #[cfg(not(unix))]
    let owned = path.to_string_lossy().into_owned();
    #[cfg(not(unix))]
    let bytes: &[u8] = owned.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
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

    #[cfg(unix)]
    #[test]
    fn paths_are_escaped_so_that_they_round_trip() {
        use std::os::unix::ffi::OsStrExt;
        let p = |b: &[u8]| display_path(std::path::Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(p(b"docs/caf\xc3\xa9.md"), "docs/café.md");
        assert_eq!(p(b"a\xffb.md"), "a\\xffb.md");
        assert_eq!(p(b"new\nline.md"), "new\\x0aline.md");
        assert_eq!(p(b"back\\slash.md"), "back\\\\slash.md");
    }

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
