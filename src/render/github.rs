//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on the
//! lines of a pull request:
//!
//! ```text
//! ::warning file=docs/a.md,line=3,col=5,endLine=3,endColumn=12,title=calque/possessive-son::“son” here looks like…
//! ```
//!
//! Severity error → `error`, warning → `warning`, info → `notice`. Columns are 1-based and count
//! Unicode scalar values (as `--format jsonl`); `endColumn` is the last flagged character. Values
//! are escaped as the runner requires: `%`, CR and LF everywhere, and `:` and `,` in properties.

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use std::io::{self, Write};

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file, title).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport], w: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        let text = r.source.text.as_str();
        let file = escape_property(&super::display_path(&r.source.path));
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let s = r.lines.line_col(text, d.span.start);
            // The last flagged character (an empty span: the position itself).
            let last = if d.span.end > d.span.start {
                text[..d.span.end.min(text.len())]
                    .char_indices()
                    .next_back()
                    .map_or(d.span.start, |(i, _)| i)
            } else {
                d.span.start
            };
            let e = r.lines.line_col(text, last);
            let mut message = d.message.clone();
            match d.suggestions.first() {
                Some(fix) if fix.is_empty() => message.push_str(" (suggestion: remove it)"),
                Some(fix) => message.push_str(&format!(" (suggestion: “{fix}”)")),
                None => {}
            }
            writeln!(
                w,
                "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                s.line,
                s.column,
                e.line,
                e.column,
                escape_property(&d.rule),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
