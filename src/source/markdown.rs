//! Markdown: only prose is checked. Code (fenced, indented, inline), HTML,
//! link targets, URLs and front matter are left out; every piece of prose keeps
//! its exact offsets in the original file.

use super::newlines::lone_cr_as_lf;
use super::offsets::{Edit, EditKind, OffsetMap, TextBuilder};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

pub use super::offsets::PLACEHOLDER;

/// Length in bytes of YAML (`---`) or TOML (`+++`) front matter at the start of the file
/// (after a byte-order mark), or 0. Lines end in `\n` or `\r\n` (see [`Body`] for lone `\r`).
pub fn front_matter_len(src: &str) -> usize {
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    for fence in ["---", "+++"] {
        let Some(rest) = body.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let mut pos = src.len() - rest.len();
        for line in rest.split_inclusive('\n') {
            pos += line.len();
            if line.trim_end() == fence {
                return pos;
            }
        }
        return 0; // unterminated: not front matter
    }
    0
}

/// The extensions mtlint parses Markdown with.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

/// What pulldown-cmark parses of a Markdown file: everything after the byte-order mark and the
/// front matter, with every lone `\r` read as `\n` (pulldown-cmark does not take a lone CR as
/// a line end, so fences and indented code would go unseen). Same length as the file: event
/// ranges are byte offsets of the original.
pub struct Body<'a> {
    text: Cow<'a, str>,
    start: usize,
}

impl<'a> Body<'a> {
    pub fn new(src: &'a str) -> Self {
        let text = lone_cr_as_lf(src);
        let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
        let start = front_matter_len(&text).max(bom);
        Body { text, start }
    }

    /// The whole file with lone CRs as LF (same offsets as the original).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the parsed part starts (after the BOM and the front matter).
    pub fn start(&self) -> usize {
        self.start
    }

    /// pulldown-cmark's events with ranges in bytes of the original file.
    pub fn events(&self) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
        let start = self.start;
        Parser::new_ext(&self.text[start..], OPTIONS)
            .into_offset_iter()
            .map(move |(e, r)| (e, r.start + start..r.end + start))
    }
}

/// Extracts the prose of a Markdown file: (text, map, edits, blocks).
pub fn extract(src: &str) -> (String, OffsetMap, Vec<Edit>, Vec<Range<usize>>) {
    let body = Body::new(src);
    let parsed = body.text();
    let mut b = TextBuilder::new(src);
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut block_start: Option<usize> = None;
    // Inside code blocks, HTML blocks, metadata, images' alt text and autolinks.
    let mut skip_depth = 0usize;
    // Start offsets of the autolinks we are in (their End event has the same range).
    let mut autolinks: Vec<usize> = Vec::new();

    let open_block = |b: &mut TextBuilder, block_start: &mut Option<usize>, at: usize| {
        if block_start.is_none() {
            if !b.text().is_empty() {
                // Blocks are separated by a blank line in the checked text; it stands for the markup between them.
                b.replace(at..at, "\n\n", EditKind::Markup);
            }
            *block_start = Some(b.text().len());
        }
    };
    let close_block =
        |b: &mut TextBuilder, blocks: &mut Vec<Range<usize>>, block_start: &mut Option<usize>| {
            if let Some(s) = block_start.take() {
                let e = b.text().len();
                if e > s {
                    blocks.push(s..e);
                }
            }
        };

    for (event, range) in body.events() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    close_block(&mut b, &mut blocks, &mut block_start);
                    skip_depth += 1;
                }
                Tag::Image { .. } => skip_depth += 1,
                // <https://…> and <a@b.org>: the URL is not prose (a placeholder stands in).
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    autolinks.push(range.start);
                    skip_depth += 1;
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::FootnoteDefinition(_) => {
                    close_block(&mut b, &mut blocks, &mut block_start);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                TagEnd::Image => {
                    skip_depth = skip_depth.saturating_sub(1);
                    if skip_depth == 0 && block_start.is_some() {
                        b.replace(range.end..range.end, PLACEHOLDER, EditKind::Atom);
                    }
                }
                TagEnd::Link if autolinks.last() == Some(&range.start) => {
                    autolinks.pop();
                    skip_depth = skip_depth.saturating_sub(1);
                    if skip_depth == 0 {
                        open_block(&mut b, &mut block_start, range.start);
                        b.replace(range, PLACEHOLDER, EditKind::Url);
                    }
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition => {
                    close_block(&mut b, &mut blocks, &mut block_start);
                }
                _ => {}
            },
            Event::Text(t) if skip_depth == 0 => {
                open_block(&mut b, &mut block_start, range.start);
                let orig = &parsed[range.clone()];
                if orig == t.as_ref() {
                    b.copy(range);
                } else if orig.contains('\\') && !orig.contains('&') {
                    // Backslash escapes: copy the pieces around each escaping backslash.
                    copy_unescaped(&mut b, parsed, range);
                } else {
                    b.replace(range, &t, EditKind::Markup);
                }
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
                if skip_depth == 0 =>
            {
                open_block(&mut b, &mut block_start, range.start);
                b.replace(range, PLACEHOLDER, EditKind::Atom);
            }
            Event::SoftBreak if skip_depth == 0 && block_start.is_some() => {
                b.replace(range, " ", EditKind::Markup);
            }
            Event::HardBreak if skip_depth == 0 && block_start.is_some() => {
                b.replace(range, "\n", EditKind::Markup);
            }
            Event::InlineHtml(_) | Event::Html(_) => {}
            _ => {}
        }
    }
    close_block(&mut b, &mut blocks, &mut block_start);
    let (text, map, edits) = b.finish();
    (text, map, edits, blocks)
}

fn copy_unescaped(b: &mut TextBuilder, src: &str, range: Range<usize>) {
    let s = &src[range.clone()];
    let mut pos = range.start;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\\' {
            if let Some(&(_, n)) = iter.peek() {
                if n.is_ascii_punctuation() {
                    let at = range.start + i;
                    if pos < at {
                        b.copy(pos..at);
                    }
                    pos = at + 1; // drop the backslash
                    iter.next();
                }
            }
        }
    }
    if pos < range.end {
        b.copy(pos..range.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(src: &str) -> (String, OffsetMap) {
        let (t, m, _, _) = extract(src);
        (t, m)
    }

    #[test]
    fn code_and_front_matter_are_left_out() {
        let src = "---\ntitle: son territory\n---\n# Title\n\nSome `son territory` text.\n\n```\nprice price\n```\n\nEnd [link](http://x.y/son).\n";
        let (t, m) = prose(src);
        assert!(!t.contains("son territory"), "{t:?}");
        assert!(!t.contains("price"));
        assert!(!t.contains("http"));
        let p = t.find("text").unwrap();
        assert_eq!(&src[m.range(p..p + 4)], "text");
        let l = t.find("link").unwrap();
        assert_eq!(&src[m.range(l..l + 4)], "link");
    }

    #[test]
    fn emphasis_maps_exactly() {
        let src = "A **bold** claim.";
        let (t, m) = prose(src);
        assert_eq!(t, "A bold claim.");
        assert_eq!(&src[m.range(2..6)], "bold");
    }
}
