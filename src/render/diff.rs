//! `--diff`: what `--fix` would change, as a unified diff that `patch -p0` and `git apply` accept.
//!
//! Lines are what those tools take them to be: text up to and including `\n`. A CR is part of
//! its line (a file with lone-CR line ends is one line to `patch`); a last line without `\n` is
//! followed by `\ No newline at end of file`, so that the next file's header still starts a line.

use std::io::{self, Write};

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A file name for a diff header: as it is when it is plain, else in double quotes with C escapes
/// (`\n`, `\\`, `\"`, octal `\ooo` for other bytes), which GNU patch and git read back exactly.
pub fn header_name(path: &std::path::Path) -> String {
    #[cfg(unix)]
    let bytes: Vec<u8> = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes: Vec<u8> = path.to_string_lossy().into_owned().into_bytes();
    let plain = |b: u8| b.is_ascii_graphic() && b != b'"' && b != b'\\';
    if let Ok(s) = std::str::from_utf8(&bytes) {
        if s.chars().all(|c| !c.is_ascii() || plain(c as u8)) {
            return s.to_string();
        }
    }
    let mut out = String::from("\"");
    for b in bytes {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b if plain(b) => out.push(b as char),
            b => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
}

/// Writes the diff of one file from `old` to `new`, headed `--- name` / `+++ name`.
pub fn write(w: &mut dyn Write, name: &str, old: &str, new: &str) -> io::Result<()> {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::from_slices(&a, &b);
    let groups = diff.grouped_ops(CONTEXT);
    if groups.is_empty() {
        return Ok(());
    }
    writeln!(w, "--- {name}")?;
    writeln!(w, "+++ {name}")?;
    for group in groups {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        writeln!(
            w,
            "@@ -{} +{} @@",
            hunk_range(old_range.clone()),
            hunk_range(new_range.clone())
        )?;
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                };
                let line: &str = change.value();
                w.write_all(&[sign as u8])?;
                w.write_all(line.as_bytes())?;
                if !line.ends_with('\n') {
                    w.write_all(b"\n\\ No newline at end of file\n")?;
                }
            }
        }
    }
    Ok(())
}

/// `start,len` with 1-based start; an empty range is written as the line before it (`n,0`).
fn hunk_range(r: std::ops::Range<usize>) -> String {
    let len = r.len();
    match len {
        0 => format!("{},0", r.start),
        1 => format!("{}", r.start + 1),
        _ => format!("{},{}", r.start + 1, len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(old: &str, new: &str) -> String {
        let mut out = Vec::new();
        write(&mut out, "a.txt", old, new).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn unified_diff_with_context() {
        let d = diff("a\nb\nc the the\nd\n", "a\nb\nc the\nd\n");
        assert_eq!(
            d,
            "--- a.txt\n+++ a.txt\n@@ -1,4 +1,4 @@\n a\n b\n-c the the\n+c the\n d\n"
        );
    }

    #[test]
    fn last_line_without_newline_and_lone_cr() {
        let d = diff("x\ry the the\r", "x\ry the\r");
        assert_eq!(
            d,
            "--- a.txt\n+++ a.txt\n@@ -1 +1 @@\n-x\ry the the\r\n\\ No newline at end of file\n+x\ry the\r\n\\ No newline at end of file\n"
        );
        assert_eq!(diff("same\n", "same\n"), "");
    }

    #[cfg(unix)]
    #[test]
    fn header_names_are_quoted_only_when_needed() {
        use std::os::unix::ffi::OsStrExt;
        let n = |b: &[u8]| header_name(std::path::Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(n(b"docs/caf\xc3\xa9.md"), "docs/café.md");
        assert_eq!(n(b"my file.md"), "\"my\\040file.md\"");
        assert_eq!(n(b"a\nb\xff.md"), "\"a\\nb\\377.md\"");
    }

    #[test]
    fn insertion_into_an_empty_file() {
        assert_eq!(
            diff("", "new\n"),
            "--- a.txt\n+++ a.txt\n@@ -0,0 +1 @@\n+new\n"
        );
    }
}
