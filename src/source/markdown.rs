//! Markdown: only prose is checked. Code (fenced, indented, inline), HTML,
//! link targets, URLs and front matter are left out; every piece of prose keeps
//! its exact offsets in the original file.

use super::offsets::{Edit, EditKind, OffsetMap, TextBuilder};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Stands in for inline code and other atoms inside prose, so that words on both
/// sides do not run together and no rule matches it.
pub const PLACEHOLDER: &str = "\u{FFFC}";

/// Length in bytes of YAML (`---`) or TOML (`+++`) front matter at the start of the file.
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

/// Extracts the prose of a Markdown file: (text, map, edits, blocks).
pub fn extract(src: &str) -> (String, OffsetMap, Vec<Edit>, Vec<Range<usize>>) {
    let fm = front_matter_len(src);
    let mut b = TextBuilder::new(src);
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut skip_depth = 0usize; // inside code blocks, HTML blocks, images' alt, metadata
    let parser = Parser::new_ext(
        &src[fm..],
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES,
    );

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

    for (event, range) in parser.into_offset_iter() {
        let range = range.start + fm..range.end + fm;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    close_block(&mut b, &mut blocks, &mut block_start);
                    skip_depth += 1;
                }
                Tag::Image { .. } => skip_depth += 1,
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
                TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::Image => {
                    skip_depth = skip_depth.saturating_sub(1);
                    if matches!(tag, TagEnd::Image) && skip_depth == 0 && block_start.is_some() {
                        b.replace(range.end..range.end, PLACEHOLDER, EditKind::Markup);
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
                let orig = &src[range.clone()];
                if orig == t.as_ref() {
                    b.copy(range);
                } else if orig.contains('\\') && !orig.contains('&') {
                    // Backslash escapes: copy the pieces around each escaping backslash.
                    copy_unescaped(&mut b, src, range);
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
                b.replace(range, PLACEHOLDER, EditKind::Markup);
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
