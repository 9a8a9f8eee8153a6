//! Reading input: bytes from files or stdin, decoding, and the prose extraction per file kind.

pub mod markdown;
pub mod offsets;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused (the whole file is held in memory several times).
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Plain,
    Markdown,
}

impl SourceKind {
    /// Markdown for `.md`, `.markdown`, `.mdown`, `.mkd`; plain text otherwise.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => SourceKind::Markdown,
            _ => SourceKind::Plain,
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
    TooLarge {
        size: u64,
    },
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
            ReadError::TooLarge { size } => {
                write!(
                    f,
                    "file is {size} bytes, larger than the limit of {MAX_FILE_SIZE} bytes"
                )
            }
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
}

/// Decodes bytes as UTF-8, refusing binary data.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
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

/// Reads and decodes a file.
pub fn read_file(path: &Path) -> Result<Source, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Io(std::io::Error::other("is a directory")));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge { size: meta.len() });
    }
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    let text = decode(bytes)?;
    Ok(Source {
        path: path.to_path_buf(),
        kind: SourceKind::from_path(path),
        text,
    })
}

/// Reads stdin; `name` decides the kind (Markdown if it ends in .md).
pub fn read_stdin(name: &Path) -> Result<Source, ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let text = decode(bytes)?;
    Ok(Source {
        path: name.to_path_buf(),
        kind: SourceKind::from_path(name),
        text,
    })
}
