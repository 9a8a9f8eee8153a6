//! `--format human`: rustc-style diagnostics rendered with codespan-reporting.
//!
//! Each diagnostic is rendered against a small *excerpt* of its file rather
//! than the whole file, so that
//! - long lines (a paragraph per line is common in prose) are cut to a window
//!   around the flagged text, with `…` where text was left out;
//! - invisible and control characters (zero-width space, bidi controls, soft
//!   hyphen, ...) are shown as `<U+200B>` instead of being sent to the terminal;
//! - a span over many lines (a repeated block) is underlined on its first line
//!   only, with a note saying where it ends.
//!
//! Line and column numbers in the output are those of the original file
//! (columns count Unicode scalar values, like `--format jsonl`).

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, FixSafety, Severity};
use crate::lint::FileReport;
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files, Location};
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config, Styles, WriteStyle};
use std::io::{self, Write};
use std::ops::Range;

/// Lines longer than this many characters are cut to a window around the labels.
pub const MAX_LINE_CHARS: usize = 100;
/// Characters of context kept on each side of the labels when a line is cut (at least).
const MIN_CONTEXT: usize = 20;

/// Renders every diagnostic of every report.
pub fn render(reports: &[FileReport], opts: &RenderOptions, w: &mut dyn Write) -> io::Result<()> {
    let config = config();
    let styles = styles();
    for r in reports {
        for d in &r.diagnostics {
            let mut buf = Vec::new();
            if opts.color {
                let mut sw = StyleWriter::new(Ansi::new(&mut buf), &styles);
                emit(&mut sw, &config, r, d)?;
            } else {
                let mut sw = StyleWriter::new(NoColor::new(&mut buf), &styles);
                emit(&mut sw, &config, r, d)?;
            }
            w.write_all(&buf)?;
        }
    }
    Ok(())
}

/// Renders one diagnostic to a string without colour (for tests and tools).
pub fn render_one(report: &FileReport, d: &Diagnostic) -> String {
    let mut buf = Vec::new();
    let styles = styles();
    let mut sw = StyleWriter::new(NoColor::new(&mut buf), &styles);
    emit(&mut sw, &config(), report, d).expect("rendering to memory");
    String::from_utf8(buf).expect("rendered text is UTF-8")
}

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

fn styles() -> Styles {
    let mut s = Styles::default();
    // "info" (codespan's Note): cyan rather than green, like cargo's notes.
    let mut info = ColorSpec::new();
    info.set_fg(Some(Color::Cyan))
        .set_bold(true)
        .set_intense(true);
    s.header_note = info.clone();
    s.primary_label_note = info;
    s
}

fn cs_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn emit(
    w: &mut dyn WriteStyleDyn,
    config: &Config,
    report: &FileReport,
    d: &Diagnostic,
) -> io::Result<()> {
    let text = report.source.text.as_str();
    let mut labels = vec![(
        d.span.clone(),
        LabelStyle::Primary,
        d.category.as_str().to_string(),
    )];
    for r in &d.related {
        labels.push((r.span.clone(), LabelStyle::Secondary, r.note.clone()));
    }
    let excerpt = Excerpt::new(report, &labels);
    let mut notes = Vec::new();
    let (first, last) = (
        report.lines.line_of(d.span.start.min(text.len())),
        report.lines.line_of(d.span.end.min(text.len())),
    );
    let last = if last > first && d.span.end > 0 && report.lines.line_start(last) == d.span.end {
        last - 1
    } else {
        last
    };
    if last > first {
        notes.push(format!(
            "note: the flagged text spans lines {}-{}",
            first + 1,
            last + 1
        ));
    }
    for (i, s) in d.suggestions.iter().enumerate() {
        let safe = if i == 0 && d.fix == FixSafety::Safe {
            " (safe fix: `mtlint check --fix`)"
        } else {
            ""
        };
        if s.is_empty() {
            // Name what goes when it is short and on one line: "remove ` price`".
            let gone = text.get(d.span.clone()).unwrap_or("");
            if !gone.is_empty() && gone.chars().count() <= 40 && !gone.contains('\n') {
                notes.push(format!("help: remove `{}`{safe}", visible(gone)));
            } else {
                notes.push(format!("help: remove it{safe}"));
            }
        } else {
            notes.push(format!("help: replace with `{}`{safe}", visible(s)));
        }
    }
    let cs = CsDiagnostic::new(cs_severity(d.severity))
        .with_code(d.rule.clone())
        .with_message(d.message.clone())
        .with_labels(
            excerpt
                .labels
                .iter()
                .map(|(range, style, msg)| {
                    Label::new(*style, (), range.clone()).with_message(msg.clone())
                })
                .collect(),
        )
        .with_notes(notes);
    let mut adapter = DynAdapter(w);
    term::emit_to_write_style(&mut adapter, config, &excerpt, &cs).map_err(|e| match e {
        FilesError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

// ---------------------------------------------------------------------------
// Excerpts: the lines a diagnostic needs, windowed and made visible.

/// One line of the excerpt: a window of an original line.
struct ExLine {
    /// 0-based line in the original file.
    line: usize,
    /// Range of the line's text in the excerpt source (without the newline).
    virt: Range<usize>,
    /// (original byte offset, excerpt byte offset) at every char boundary of the window.
    map: Vec<(usize, usize)>,
}

/// A [`Files`] implementation holding only the lines one diagnostic shows.
struct Excerpt<'r> {
    report: &'r FileReport,
    name: String,
    source: String,
    lines: Vec<ExLine>,
    labels: Vec<(Range<usize>, LabelStyle, String)>,
}

impl<'r> Excerpt<'r> {
    fn new(report: &'r FileReport, labels: &[(Range<usize>, LabelStyle, String)]) -> Self {
        let text = report.source.text.as_str();
        let li = &report.lines;
        // Clamp every label to the content of its first line.
        let clamped: Vec<(usize, Range<usize>, LabelStyle, String)> = labels
            .iter()
            .map(|(r, style, msg)| {
                let start =
                    crate::source::offsets::floor_char_boundary(text, r.start.min(text.len()));
                let line = li.line_of(start);
                let content = line_content(text, li, line);
                let start = start.min(content.end);
                let end = crate::source::offsets::floor_char_boundary(
                    text,
                    r.end.clamp(start, content.end.max(start)),
                );
                (line, start..end, *style, msg.clone())
            })
            .collect();
        let mut wanted: Vec<usize> = clamped.iter().map(|c| c.0).collect();
        wanted.sort_unstable();
        wanted.dedup();
        // codespan shows a single line between two shown lines instead of a break: include it.
        let mut lines_needed = Vec::new();
        for (i, &l) in wanted.iter().enumerate() {
            lines_needed.push(l);
            if let Some(&next) = wanted.get(i + 1) {
                if next == l + 2 {
                    lines_needed.push(l + 1);
                }
            }
        }
        let mut source = String::new();
        let mut lines = Vec::new();
        for &l in &lines_needed {
            let mut content = line_content(text, li, l);
            if l == 0 && text.starts_with('\u{feff}') {
                content.start = 3; // the byte-order mark is not shown
            }
            let focus: Vec<&Range<usize>> =
                clamped.iter().filter(|c| c.0 == l).map(|c| &c.1).collect();
            let (fs, fe) = if focus.is_empty() {
                (content.start, content.start)
            } else {
                (
                    focus.iter().map(|r| r.start).min().unwrap(),
                    focus.iter().map(|r| r.end).max().unwrap(),
                )
            };
            let window = window(text, content.clone(), fs..fe);
            let vstart = source.len();
            let mut map = Vec::new();
            if window.start > content.start {
                source.push_str("… ");
            }
            for (i, c) in text[window.clone()].char_indices() {
                map.push((window.start + i, source.len()));
                match invisible_name(c) {
                    Some(n) => source.push_str(&n),
                    None => source.push(c),
                }
            }
            map.push((window.end, source.len()));
            let vend_text = source.len();
            if window.end < content.end {
                source.push_str(" …");
            }
            lines.push(ExLine {
                line: l,
                virt: vstart..source.len(),
                map,
            });
            let _ = vend_text;
            source.push('\n');
        }
        let mut ex = Excerpt {
            report,
            name: super::display_path(&report.source.path),
            source,
            lines,
            labels: Vec::new(),
        };
        ex.labels = clamped
            .into_iter()
            .map(|(l, r, style, msg)| {
                let line = ex
                    .lines
                    .iter()
                    .find(|x| x.line == l)
                    .expect("label line is in the excerpt");
                let s = to_virt(line, r.start);
                let e = to_virt(line, r.end);
                (s..e, style, msg)
            })
            .collect();
        ex
    }

    fn line_at(&self, virt: usize) -> &ExLine {
        let i = self.lines.partition_point(|l| l.virt.end < virt);
        &self.lines[i.min(self.lines.len() - 1)]
    }

    fn to_orig(&self, virt: usize) -> usize {
        let line = self.line_at(virt);
        match line.map.binary_search_by_key(&virt, |&(_, v)| v) {
            Ok(i) => line.map[i].0,
            Err(0) => line.map[0].0,
            Err(i) => line.map[i - 1].0,
        }
    }
}

/// Maps an original offset inside a window to the excerpt (clamped to the window).
fn to_virt(line: &ExLine, orig: usize) -> usize {
    match line.map.binary_search_by_key(&orig, |&(o, _)| o) {
        Ok(i) => line.map[i].1,
        Err(0) => line.map[0].1,
        Err(i) if i >= line.map.len() => line.map[line.map.len() - 1].1,
        Err(i) => line.map[i - 1].1,
    }
}

/// The content of a 0-based line, without its line break (`\n` or `\r\n`).
fn line_content(text: &str, li: &crate::source::offsets::LineIndex, line: usize) -> Range<usize> {
    let start = li.line_start(line);
    let end = li.next_line_start(line).map_or(text.len(), |n| n - 1);
    let rest = &text[start..end];
    let len = rest.len();
    let len = if rest[..len].ends_with('\r') {
        len - 1
    } else {
        len
    };
    start..start + len
}

/// The part of `content` to show so that `focus` is visible: the whole line when
/// it is short, else a window of about [`MAX_LINE_CHARS`] characters, cut at spaces.
fn window(text: &str, content: Range<usize>, focus: Range<usize>) -> Range<usize> {
    // On a very long line only the bytes around the focus matter (keeps this O(window), not O(line)).
    let margin = MAX_LINE_CHARS * 8;
    let content = if content.len() > 4 * margin {
        let s = crate::source::offsets::floor_char_boundary(
            text,
            focus.start.saturating_sub(margin).max(content.start),
        );
        let e = crate::source::offsets::floor_char_boundary(
            text,
            (focus.end.min(focus.start + margin) + margin).min(content.end),
        );
        s.max(content.start)..e.max(s)
    } else {
        content
    };
    let line = &text[content.clone()];
    let offs: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| content.start + i)
        .chain([content.end])
        .collect();
    let n = offs.len() - 1;
    if n <= MAX_LINE_CHARS {
        return content;
    }
    let idx = |o: usize| offs.partition_point(|&x| x < o);
    let (s, mut e) = (idx(focus.start), idx(focus.end).max(idx(focus.start)));
    if e - s > MAX_LINE_CHARS - 2 * MIN_CONTEXT {
        // A long label (a whole repeated paragraph): show its beginning; the label is cut with the line.
        e = s + (MAX_LINE_CHARS - 2 * MIN_CONTEXT);
    }
    let want = MAX_LINE_CHARS.max(e - s + 2 * MIN_CONTEXT);
    let mut ws = s.saturating_sub((want.saturating_sub(e - s)) / 2);
    let we = (ws + want).min(n);
    ws = ws.min(we.saturating_sub(want));
    let mut we = we;
    // Prefer to cut at a space (within a few characters, never into the focus).
    let chars: Vec<char> = line.chars().collect();
    if ws > 0 {
        if let Some(k) = (ws..s.min(ws + 12)).find(|&k| chars[k].is_whitespace()) {
            ws = k + 1;
        }
    }
    if we < n {
        if let Some(k) = (e.max(we.saturating_sub(12))..we)
            .rev()
            .find(|&k| chars[k].is_whitespace())
        {
            we = k;
        }
    }
    offs[ws]..offs[we]
}

/// How an invisible or control character is shown: `<U+200B>`.
pub fn invisible_name(c: char) -> Option<String> {
    let u = c as u32;
    let hidden = matches!(u,
        0x00..=0x08 | 0x0B..=0x1F | 0x7F..=0x9F | 0xAD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
        | 0x180B..=0x180E | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF);
    hidden.then(|| format!("<U+{u:04X}>"))
}

/// A string with invisible characters and line breaks made visible (for suggestions).
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => match invisible_name(c) {
                Some(n) => out.push_str(&n),
                None => out.push(c),
            },
        }
    }
    out
}

impl<'a, 'r> Files<'a> for Excerpt<'r> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.source)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_at(byte_index).line)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match self.lines.iter().find(|l| l.line == line_index) {
            Some(l) => Ok(l.virt.start..l.virt.end + 1),
            None => Ok(self.source.len()..self.source.len()),
        }
    }

    fn location(&'a self, _: (), byte_index: usize) -> Result<Location, FilesError> {
        let text = self.report.source.text.as_str();
        let lc = self.report.lines.line_col(text, self.to_orig(byte_index));
        Ok(Location {
            line_number: lc.line,
            column_number: lc.column,
        })
    }
}

// ---------------------------------------------------------------------------
// Styled writing: codespan's default styles, except that Note is printed as "info".

/// Object-safe view of a colour writer.
trait WriteStyleDyn: Write {
    fn set_spec(&mut self, spec: &ColorSpec) -> io::Result<()>;
    fn reset_spec(&mut self) -> io::Result<()>;
    fn styles(&self) -> &Styles;
    fn note_pending(&mut self) -> &mut bool;
}

struct StyleWriter<'s, W> {
    inner: W,
    styles: &'s Styles,
    /// The next write is the severity word of a Note header: print "info" instead.
    note_pending: bool,
}

impl<'s, W: WriteColor> StyleWriter<'s, W> {
    fn new(inner: W, styles: &'s Styles) -> Self {
        StyleWriter {
            inner,
            styles,
            note_pending: false,
        }
    }
}

impl<W: WriteColor> Write for StyleWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: WriteColor> WriteStyleDyn for StyleWriter<'_, W> {
    fn set_spec(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.inner.set_color(spec)
    }
    fn reset_spec(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
    fn styles(&self) -> &Styles {
        self.styles
    }
    fn note_pending(&mut self) -> &mut bool {
        &mut self.note_pending
    }
}

struct DynAdapter<'w>(&'w mut dyn WriteStyleDyn);

impl Write for DynAdapter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if std::mem::take(self.0.note_pending()) && buf == b"note" {
            self.0.write_all(b"info")?;
            return Ok(buf.len());
        }
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl WriteStyle for DynAdapter<'_> {
    fn set_header(&mut self, severity: CsSeverity) -> io::Result<()> {
        *self.0.note_pending() = severity == CsSeverity::Note;
        let spec = self.0.styles().header(severity).clone();
        self.0.set_spec(&spec)
    }
    fn set_header_message(&mut self) -> io::Result<()> {
        let spec = self.0.styles().header_message.clone();
        self.0.set_spec(&spec)
    }
    fn set_line_number(&mut self) -> io::Result<()> {
        let spec = self.0.styles().line_number.clone();
        self.0.set_spec(&spec)
    }
    fn set_note_bullet(&mut self) -> io::Result<()> {
        let spec = self.0.styles().note_bullet.clone();
        self.0.set_spec(&spec)
    }
    fn set_source_border(&mut self) -> io::Result<()> {
        let spec = self.0.styles().source_border.clone();
        self.0.set_spec(&spec)
    }
    fn set_label(&mut self, severity: CsSeverity, style: LabelStyle) -> io::Result<()> {
        let spec = self.0.styles().label(severity, style).clone();
        self.0.set_spec(&spec)
    }
    fn reset(&mut self) -> io::Result<()> {
        self.0.reset_spec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Category;
    use crate::source::offsets::LineIndex;
    use crate::source::{Source, SourceKind};

    pub(crate) fn report(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            source: Source::in_memory(path, SourceKind::from_path(path.as_ref()), text.to_string()),
            lines: LineIndex::new(text),
            diagnostics,
        }
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        let s = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in text"));
        s..s + needle.len()
    }

    const SEED: &str = include_str!("../../fixtures/seed-article.txt");

    fn diag(text: &str, needle: &str, sev: Severity) -> Diagnostic {
        Diagnostic::new(
            "test/rule",
            Category::Style,
            sev,
            at(text, needle),
            "message",
        )
    }

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let d = diag(SEED, "son territory", Severity::Warning)
            .suggest("its territory", FixSafety::Safe);
        let out = render_one(&report("seed.txt", SEED, vec![d.clone()]), &d);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "warning[test/rule]: message");
        let lc = LineIndex::new(SEED).line_col(SEED, d.span.start);
        assert_eq!(
            lines[1].trim_start(),
            format!("--> seed.txt:{}:{}", lc.line, lc.column)
        );
        let src = lines[3];
        assert!(
            src.contains("… ") && src.ends_with("on son territory."),
            "{src}"
        );
        assert!(src.chars().count() <= MAX_LINE_CHARS + 10, "{src}");
        // The carets sit exactly under the flagged text.
        let col = src[..src.find("son territory").unwrap()].chars().count();
        let carets = lines[4];
        assert_eq!(
            carets[..carets.find('^').unwrap()].chars().count(),
            col,
            "{out}"
        );
        assert_eq!(carets.matches('^').count(), "son territory".len());
        assert!(
            out.contains("= help: replace with `its territory` (safe fix: `mtlint check --fix`)"),
            "{out}"
        );
    }

    #[test]
    fn a_span_over_many_lines_is_shown_on_its_first_line() {
        let second = SEED[1..].find("The head of Russian").unwrap() + 1;
        let d = Diagnostic::new(
            "test/block",
            Category::Repetition,
            Severity::Info,
            second..SEED.len(),
            "repeated",
        )
        .related(0..SEED.find('\n').unwrap(), "first copy");
        let out = render_one(&report("seed.txt", SEED, vec![d.clone()]), &d);
        let first = LineIndex::new(SEED).line_of(second) + 1;
        let last = SEED.trim_end().lines().count();
        assert!(out.starts_with("info[test/block]: repeated\n"), "{out}");
        assert!(
            out.contains(&format!(
                "= note: the flagged text spans lines {first}-{last}"
            )),
            "{out}"
        );
        assert!(out.contains("first copy"), "{out}");
        // Two source lines (first copy, repeat), each cut to the window: the output stays short.
        assert!(out.lines().count() <= 12, "{out}");
        assert!(
            out.lines()
                .all(|l| l.chars().count() <= MAX_LINE_CHARS + 20),
            "{out}"
        );
    }

    #[test]
    fn invisible_characters_are_named_and_the_bom_is_hidden() {
        let text = "\u{feff}A zero\u{200b}width and a bidi \u{202e}override.\n";
        let d = diag(text, "\u{200b}", Severity::Error);
        let out = render_one(&report("t.txt", text, vec![d.clone()]), &d);
        assert!(
            out.contains("1 | A zero<U+200B>width and a bidi <U+202E>override."),
            "{out}"
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[4].find('^'), lines[3].find('<'), "{out}");
        assert_eq!(lines[4].matches('^').count(), "<U+200B>".len(), "{out}");
        assert!(
            !out.contains('\u{200b}') && !out.contains('\u{202e}') && !out.contains('\u{feff}')
        );
        assert_eq!(visible("a\u{ad}b\n"), "a<U+00AD>b\\n");
    }

    #[test]
    fn empty_spans_and_spans_at_the_end_render() {
        for (text, span) in [("", 0..0), ("abc", 3..3), ("abc\n", 4..4), ("a\r\nb", 1..3)] {
            let d = Diagnostic::new("test/x", Category::Style, Severity::Warning, span, "m")
                .suggest("", FixSafety::Safe);
            let out = render_one(&report("e.txt", text, vec![d.clone()]), &d);
            assert!(out.starts_with("warning[test/x]: m\n"), "{text:?}: {out}");
            assert!(out.contains("help: remove it"), "{out}");
        }
    }

    #[test]
    fn colour_changes_nothing_but_escapes() {
        let d = diag(SEED, "price price", Severity::Info).suggest("price", FixSafety::Unsafe);
        let r = report("seed.txt", SEED, vec![d.clone()]);
        let (mut plain, mut colour) = (Vec::new(), Vec::new());
        render(
            std::slice::from_ref(&r),
            &RenderOptions {
                color: false,
                ..Default::default()
            },
            &mut plain,
        )
        .unwrap();
        render(
            std::slice::from_ref(&r),
            &RenderOptions {
                color: true,
                ..Default::default()
            },
            &mut colour,
        )
        .unwrap();
        let colour = String::from_utf8(colour).unwrap();
        assert!(colour.contains("\x1b["));
        let stripped = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&colour, "");
        assert_eq!(stripped, String::from_utf8(plain).unwrap());
        assert!(stripped.starts_with("info[test/rule]"), "{stripped}");
    }
}
