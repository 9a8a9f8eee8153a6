//! The open documents of a language-server session: their text as the editor has it, their
//! version, what kind of text they are, and positions in the negotiated encoding.

use crate::source::offsets::{floor_char_boundary, LineIndex};
use crate::source::SourceKind;
use serde_json::Value;
use std::collections::HashMap;

/// How positions count characters within a line (LSP `positionEncoding`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (LSP's default).
    Utf16,
    /// Bytes of UTF-8 (when the client offers it).
    Utf8,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf16 => "utf-16",
            Encoding::Utf8 => "utf-8",
        }
    }
}

/// One open document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The URI exactly as the client sent it (echoed back unchanged).
    pub uri: String,
    pub version: i64,
    pub language: String,
    pub text: String,
    pub lines: LineIndex,
}

impl Doc {
    pub fn new(uri: String, version: i64, language: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Doc {
            uri,
            version,
            language,
            text,
            lines,
        }
    }

    /// The LSP position (0-based line, character in `enc`) of a byte offset.
    pub fn position(&self, offset: usize, enc: Encoding) -> Value {
        let (line, character) = position(&self.text, &self.lines, offset, enc);
        serde_json::json!({"line": line, "character": character})
    }

    /// The LSP range of a byte range.
    pub fn range(&self, r: &std::ops::Range<usize>, enc: Encoding) -> Value {
        serde_json::json!({"start": self.position(r.start, enc), "end": self.position(r.end, enc)})
    }

    /// The byte offset of an LSP position (clamped to the line's end and the text's end).
    pub fn offset(&self, pos: &Value, enc: Encoding) -> Option<usize> {
        let line = pos.get("line")?.as_u64()? as usize;
        let character = pos.get("character")?.as_u64()? as usize;
        Some(offset(&self.text, &self.lines, line, character, enc))
    }

    /// Applies `contentChanges` of a `didChange` (ranged edits, or the whole text).
    pub fn apply(&mut self, changes: &[Value], enc: Encoding) -> Result<(), String> {
        for c in changes {
            let new = c
                .get("text")
                .and_then(Value::as_str)
                .ok_or("a content change without text")?;
            match c.get("range") {
                Some(r) if !r.is_null() => {
                    let start = self.offset(&r["start"], enc).ok_or("bad range start")?;
                    let end = self.offset(&r["end"], enc).ok_or("bad range end")?;
                    let (start, end) = (start.min(end), start.max(end));
                    self.text.replace_range(start..end, new);
                }
                _ => self.text = new.to_string(),
            }
            self.lines = LineIndex::new(&self.text);
        }
        Ok(())
    }

    /// The file path of a `file:` URI, if it is one.
    pub fn path(&self) -> Option<std::path::PathBuf> {
        file_path(&self.uri)
    }
}

/// The (0-based line, character) of `offset` in `text`.
pub fn position(text: &str, lines: &LineIndex, offset: usize, enc: Encoding) -> (usize, usize) {
    match enc {
        Encoding::Utf16 => lines.utf16(text, offset),
        Encoding::Utf8 => {
            let offset = floor_char_boundary(text, offset.min(text.len()));
            let line = lines.line_of(offset);
            (line, offset - lines.line_start(line))
        }
    }
}

/// The byte offset of (line, character): past the end of a line is its end (before the line
/// break), past the last line is the end of the text.
pub fn offset(
    text: &str,
    lines: &LineIndex,
    line: usize,
    character: usize,
    enc: Encoding,
) -> usize {
    if line >= lines.line_count() {
        return text.len();
    }
    let start = lines.line_start(line);
    let end = lines.next_line_start(line).unwrap_or(text.len());
    let content = text[start..end].trim_end_matches(['\n', '\r']);
    let mut units = 0;
    for (i, c) in content.char_indices() {
        if units >= character {
            return start + i;
        }
        units += match enc {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        };
    }
    start + content.len()
}

/// The path of a `file://` URI (percent-decoded).
pub fn file_path(uri: &str) -> Option<std::path::PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // file://host/path: only local files (no host or localhost).
    let path = if let Some(p) = rest.strip_prefix("localhost") {
        p
    } else {
        rest
    };
    if !path.starts_with('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(path.len());
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                bytes.push(v);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(std::ffi::OsString::from_vec(bytes).into())
    }
    #[cfg(not(unix))]
    {
        Some(String::from_utf8_lossy(&bytes).into_owned().into())
    }
}

/// Whether a document is prose mtlint checks, and as what: Markdown or plain text by language
/// id (Neovim sends its filetype: `markdown`, `text`; VS Code `plaintext`), else by the file's
/// extension, else by the config's `include` globs (plain text unless the name says Markdown).
pub fn kind_of(
    language: &str,
    path: Option<&std::path::Path>,
    include: &[String],
) -> Option<SourceKind> {
    match language.to_ascii_lowercase().as_str() {
        "markdown" | "md" | "rmd" | "quarto" | "mdx" => return Some(SourceKind::Markdown),
        "plaintext" | "text" | "txt" | "gitcommit" => return Some(SourceKind::Plain),
        "xliff" | "xlf" => return Some(SourceKind::Xliff),
        "po" | "pot" => return Some(SourceKind::Po),
        _ => {}
    }
    let path = path?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(e) = ext.as_deref() {
        if crate::walk::DEFAULT_EXTENSIONS.contains(&e) {
            return Some(SourceKind::from_path(path));
        }
    }
    if !include.is_empty() {
        let set = crate::walk::globset(include).ok()?;
        if set.is_match(path) || path.file_name().is_some_and(|n| set.is_match(n)) {
            return Some(SourceKind::from_path(path));
        }
    }
    None
}

/// The open documents by URI.
#[derive(Default)]
pub struct Documents {
    docs: HashMap<String, Doc>,
}

impl Documents {
    pub fn open(&mut self, doc: Doc) {
        self.docs.insert(doc.uri.clone(), doc);
    }

    pub fn close(&mut self, uri: &str) -> Option<Doc> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &str) -> Option<&Doc> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &str) -> Option<&mut Doc> {
        self.docs.get_mut(uri)
    }

    pub fn all(&self) -> impl Iterator<Item = &Doc> {
        self.docs.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn positions_count_utf16_units_after_astral_characters_and_crlf() {
        let text = "a😀b\r\nsecond é line\rthird";
        let d = Doc::new("file:///a.txt".into(), 0, "text".into(), text.into());
        let b = text.find('b').unwrap();
        assert_eq!(
            d.position(b, Encoding::Utf16),
            json!({"line": 0, "character": 3})
        );
        assert_eq!(
            d.position(b, Encoding::Utf8),
            json!({"line": 0, "character": 5})
        );
        let l = text.find("line").unwrap();
        assert_eq!(
            d.position(l, Encoding::Utf16),
            json!({"line": 1, "character": 9})
        );
        let t = text.find("third").unwrap();
        assert_eq!(
            d.position(t, Encoding::Utf16),
            json!({"line": 2, "character": 0})
        );
        for off in [0, b, l, t, text.len()] {
            let p = d.position(off, Encoding::Utf16);
            assert_eq!(d.offset(&p, Encoding::Utf16), Some(off));
            let p = d.position(off, Encoding::Utf8);
            assert_eq!(d.offset(&p, Encoding::Utf8), Some(off));
        }
        // Past the end of a line: its end, before the CR LF.
        assert_eq!(
            d.offset(&json!({"line": 0, "character": 99}), Encoding::Utf16),
            Some(text.find('\r').unwrap())
        );
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut d = Doc::new("u".into(), 0, "text".into(), "The the cat.\nSecond.".into());
        d.apply(
            &[
                json!({"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 7}}, "text": ""}),
                json!({"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 6}}, "text": "Next"}),
            ],
            Encoding::Utf16,
        )
        .unwrap();
        assert_eq!(d.text, "The cat.\nNext.");
        d.apply(&[json!({"text": "all new"})], Encoding::Utf16)
            .unwrap();
        assert_eq!(d.text, "all new");
    }

    #[test]
    fn file_uris_decode_and_kinds_follow_language_then_extension() {
        assert_eq!(
            file_path("file:///tmp/my%20docs/a%c3%a9.md").unwrap(),
            std::path::PathBuf::from("/tmp/my docs/aé.md")
        );
        assert_eq!(kind_of("text", None, &[]), Some(SourceKind::Plain));
        assert_eq!(kind_of("markdown", None, &[]), Some(SourceKind::Markdown));
        let p = std::path::Path::new("/x/notes.md");
        assert_eq!(kind_of("unknown", Some(p), &[]), Some(SourceKind::Markdown));
        let rst = std::path::Path::new("/x/guide.rst");
        assert_eq!(kind_of("rst", Some(rst), &[]), None);
        assert_eq!(
            kind_of("rst", Some(rst), &["*.rst".to_string()]),
            Some(SourceKind::Plain)
        );
    }
}
