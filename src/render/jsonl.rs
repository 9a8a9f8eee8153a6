//! `--format jsonl`: one diagnostic per line with exact byte spans.

pub use super::json::JsonDiagnostic;
use crate::lint::FileReport;
use std::io::{self, Write};

pub fn render(reports: &[FileReport], w: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            serde_json::to_writer(&mut *w, &JsonDiagnostic::new(r, d))?;
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}
