//! Reading input: bytes from files or stdin, decoding, and the prose extraction per file kind.

pub mod bitext;
pub mod markdown;
pub mod newlines;
pub mod offsets;
pub mod po;
pub mod urls;
pub mod xliff;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::fix::write::Stamp;

/// Files larger than this are refused (the whole file is held in memory several times).
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Plain,
    Markdown,
    /// XLIFF 1.2 / 2.x (and TMX, read by the same XML reader): the targets are checked, and
    /// compared with their sources.
    Xliff,
    /// GNU gettext PO: the translations are checked, and compared with their msgids.
    Po,
}

impl SourceKind {
    /// Markdown for `.md`, `.markdown`, `.mdown`, `.mkd`; XLIFF for `.xlf`, `.xliff`,
    /// `.sdlxliff`, `.mqxliff`, and TMX `.tmx`; PO for `.po`, `.pot`; plain text otherwise.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => SourceKind::Markdown,
            Some("xlf" | "xliff" | "sdlxliff" | "mqxliff" | "tmx") => SourceKind::Xliff,
            Some("po" | "pot") => SourceKind::Po,
            _ => SourceKind::Plain,
        }
    }

    /// A bilingual file format (XLIFF, PO).
    pub fn is_bilingual(self) -> bool {
        matches!(self, SourceKind::Xliff | SourceKind::Po)
    }

    /// How a replacement text is written into a file of this kind: XML-escaped in XLIFF,
    /// backslash-escaped in PO, as it is otherwise.
    pub fn escape(self, s: &str) -> std::borrow::Cow<'_, str> {
        match self {
            SourceKind::Xliff => bitext::escape(bitext::Format::Xliff, s).into(),
            SourceKind::Po => bitext::escape(bitext::Format::Po, s).into(),
            SourceKind::Plain | SourceKind::Markdown => s.into(),
        }
    }

    /// Parses a bilingual file (None for monolingual kinds).
    pub fn parse_bitext(self, text: &str) -> Option<Result<bitext::Bitext, bitext::ParseError>> {
        match self {
            SourceKind::Xliff => Some(xliff::parse(text)),
            SourceKind::Po => Some(po::parse(text)),
            SourceKind::Plain | SourceKind::Markdown => None,
        }
    }
}

/// Why a file could not be checked.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not UTF-8: byte offset and 1-based line of the first bad byte.
    InvalidUtf8 {
        offset: usize,
        line: usize,
    },
    /// Looks binary (a NUL byte in the first 8 KiB): skipped, not an error.
    Binary,
    /// UTF-16 or UTF-32 text (it starts with that encoding's byte-order mark): an error, so
    /// that a document in another encoding never passes a check unread.
    OtherEncoding(&'static str),
    /// Larger than [`MAX_FILE_SIZE`]: its size when known (a regular file), else None (a
    /// stream, a device or a FIFO, of which only the limit was read).
    TooLarge {
        size: Option<u64>,
    },
    /// An XLIFF or PO file that does not parse: where and why.
    Malformed(bitext::ParseError),
}

impl ReadError {
    /// Binary files are skipped with a note; everything else is an error (exit 2).
    pub fn is_skip(&self) -> bool {
        matches!(self, ReadError::Binary)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::InvalidUtf8 { offset, line } => {
                write!(
                    f,
                    "invalid UTF-8 at byte {offset} (line {line}); mtlint reads UTF-8 text only"
                )
            }
            ReadError::Binary => write!(f, "binary file (contains NUL bytes), skipped"),
            ReadError::OtherEncoding(enc) => write!(
                f,
                "{enc} text (byte-order mark); mtlint reads UTF-8 only: convert it first, e.g. `iconv -f {enc} -t UTF-8`"
            ),
            ReadError::TooLarge { size: Some(size) } => write!(
                f,
                "file is {size} bytes, larger than the limit of {MAX_FILE_SIZE} bytes (64 MiB)"
            ),
            ReadError::Malformed(e) => write!(f, "{e}"),
            ReadError::TooLarge { size: None } => write!(
                f,
                "input is larger than the limit of {MAX_FILE_SIZE} bytes (64 MiB); reading stopped there"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// The text of one input.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path as given on the command line or found while walking (`-` or `--stdin-filename` for stdin).
    pub path: PathBuf,
    pub kind: SourceKind,
    pub text: String,
    /// What the file held when it was read (None for standard input and texts made in memory):
    /// `--fix` writes only over exactly these bytes.
    pub stamp: Option<Stamp>,
}

impl Source {
    /// A text that did not come from a file (tests, an editor buffer).
    pub fn in_memory(path: impl Into<PathBuf>, kind: SourceKind, text: String) -> Self {
        Source {
            path: path.into(),
            kind,
            text,
            stamp: None,
        }
    }
}

/// Starts with a UTF-16 or UTF-32 byte-order mark (text with NUL bytes, not binary).
fn is_wide_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0, 0, 0xFE, 0xFF])
}

/// Decodes bytes as UTF-8, refusing binary data.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    // UTF-32 first: its little-endian mark starts with UTF-16's.
    for (bom, enc) in [
        (&[0xFF, 0xFE, 0, 0][..], "UTF-32LE"),
        (&[0, 0, 0xFE, 0xFF][..], "UTF-32BE"),
        (&[0xFF, 0xFE][..], "UTF-16LE"),
        (&[0xFE, 0xFF][..], "UTF-16BE"),
    ] {
        if bytes.starts_with(bom) {
            return Err(ReadError::OtherEncoding(enc));
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(ReadError::Binary);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ReadError::InvalidUtf8 { offset, line }
    })
}

/// Reads and decodes a file. At most [`MAX_FILE_SIZE`] bytes are read, whatever the file
/// says its size is (devices and FIFOs say 0).
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(std::io::Error::other("is a directory")));
    }
    let known = meta.is_file().then_some(meta.len());
    if let Some(size) = known.filter(|&n| n > MAX_FILE_SIZE) {
        return Err(ReadError::TooLarge { size: Some(size) });
    }
    let bytes = read_bounded(file, known).map_err(|e| match e {
        ReadError::TooLarge { .. } => ReadError::TooLarge {
            // A regular file that grew while it was read: its size now.
            size: known.and_then(|_| std::fs::metadata(path).ok().map(|m| m.len())),
        },
        e => e,
    })?;
    let stamp = Stamp::of(&bytes);
    let text = decode(bytes)?;
    let kind = SourceKind::from_path(path);
    validate(kind, &text)?;
    Ok(Source {
        path: path.to_path_buf(),
        kind,
        text,
        stamp: Some(stamp),
    })
}

/// Reads up to [`MAX_FILE_SIZE`] bytes; more is [`ReadError::TooLarge`] (size unknown). A NUL
/// byte in the first 8 KiB stops reading there: the input is binary (`/dev/zero` is not read
/// to the limit).
fn read_bounded(r: impl Read, size_hint: Option<u64>) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(size_hint.unwrap_or(0).min(MAX_FILE_SIZE) as usize);
    let mut r = r.take(MAX_FILE_SIZE + 1);
    (&mut r)
        .take(8192)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.contains(&0) && !is_wide_bom(&bytes) {
        return Err(ReadError::Binary);
    }
    r.read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge { size: None });
    }
    Ok(bytes)
}

/// Reads standard input (or any stream) as the text named `name` (Markdown if it ends in .md).
pub fn read_stream(r: &mut dyn Read, name: &Path) -> Result<Source, ReadError> {
    let bytes = read_bounded(r, None)?;
    let text = decode(bytes)?;
    let kind = SourceKind::from_path(name);
    validate(kind, &text)?;
    Ok(Source::in_memory(name, kind, text))
}

/// A bilingual file must parse: a malformed one is an error (with its line and column), not a
/// file with nothing to check.
fn validate(kind: SourceKind, text: &str) -> Result<(), ReadError> {
    match kind.parse_bitext(text) {
        Some(Err(e)) => Err(ReadError::Malformed(e)),
        _ => Ok(()),
    }
}
