//! `--changed-since REV`: the files changed since a git revision, and their changed lines.
//!
//! Asked of the `git` command in the working directory's repository: `git diff -U0 -M REV` (the
//! working tree against REV, renames followed: a renamed file counts only its edited lines) and the
//! untracked files git does not ignore (every line of them is new). A finding counts when its
//! lines overlap a changed line; document-level checks still read the whole file.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The lines of one file that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lines {
    /// A new (untracked or added) file: every line.
    All,
    /// 1-based line ranges of the file as it is now.
    Ranges(Vec<RangeInclusive<usize>>),
}

/// The changed files (absolute paths) and their changed lines.
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<PathBuf, Lines>,
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-c")
        .arg("core.quotePath=false")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| anyhow::anyhow!("--changed-since needs git: {e}"))?;
    if !out.status.success() {
        anyhow::bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// A path from git's output: C-quoted (`"a\303\251"`) when it holds special characters.
fn unquote(s: &[u8]) -> Vec<u8> {
    let Some(inner) = s.strip_prefix(b"\"").and_then(|s| s.strip_suffix(b"\"")) else {
        return s.to_vec();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        if inner[i] != b'\\' || i + 1 >= inner.len() {
            out.push(inner[i]);
            i += 1;
            continue;
        }
        let c = inner[i + 1];
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'"' | b'\\' => out.push(c),
            b'0'..=b'7' if i + 3 < inner.len() => {
                let oct = std::str::from_utf8(&inner[i + 1..i + 4]).unwrap_or("");
                match u8::from_str_radix(oct, 8) {
                    Ok(b) => {
                        out.push(b);
                        i += 4;
                        continue;
                    }
                    Err(_) => out.push(c),
                }
            }
            other => out.push(other),
        }
        i += 2;
    }
    out
}

fn to_path(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// `c,d` of a hunk header's `+c,d` part: the new lines, or None for a pure deletion.
fn new_lines(hunk: &str) -> Option<RangeInclusive<usize>> {
    let plus = hunk.split_whitespace().find(|p| p.starts_with('+'))?;
    let mut it = plus[1..].split(',');
    let start: usize = it.next()?.parse().ok()?;
    let count: usize = it.next().map_or(Some(1), |c| c.parse().ok())?;
    (count > 0).then(|| start..=start + count - 1)
}

/// Parses `git diff -U0` output into (repository-relative path, changed lines).
fn parse_diff(out: &[u8]) -> Vec<(PathBuf, Lines)> {
    let mut files: Vec<(PathBuf, Lines)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in out.split(|&b| b == b'\n') {
        if line.starts_with(b"diff --git ") {
            current = None;
        } else if let Some(name) = line.strip_prefix(b"+++ ") {
            if name == b"/dev/null" {
                current = None; // deleted
                continue;
            }
            let name = unquote(name);
            let name = name.strip_prefix(b"b/").unwrap_or(&name).to_vec();
            files.push((to_path(&name), Lines::Ranges(Vec::new())));
            current = Some(files.len() - 1);
        } else if line.starts_with(b"@@ ") {
            let (Some(i), Ok(h)) = (current, std::str::from_utf8(line)) else {
                continue;
            };
            if let (Some(r), Lines::Ranges(v)) = (new_lines(h), &mut files[i].1) {
                v.push(r);
            }
        }
    }
    files
}

impl Changes {
    /// What changed in the repository holding `dir` since `rev`.
    pub fn since(rev: &str, dir: &Path) -> anyhow::Result<Changes> {
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        // Fails clearly on a bad revision before the diff.
        git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| {
            anyhow::anyhow!("--changed-since: `{rev}` is not a commit of this repository")
        })?;
        let diff = git(
            &top,
            &[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "-U0",
                "-M",
                rev,
                "--",
            ],
        )?;
        let mut files: HashMap<PathBuf, Lines> = parse_diff(&diff)
            .into_iter()
            .map(|(p, l)| (top.join(p), l))
            .collect();
        let untracked = git(&top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        for name in untracked.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            files.insert(top.join(to_path(name)), Lines::All);
        }
        Ok(Changes { files })
    }

    /// The changed files that still exist, as absolute paths.
    pub fn files(&self) -> Vec<&Path> {
        let mut v: Vec<&Path> = self
            .files
            .keys()
            .map(PathBuf::as_path)
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        v
    }

    /// The changed lines of `path` (relative to the working directory, or absolute).
    pub fn lines(&self, path: &Path) -> Option<&Lines> {
        self.files.get(&absolute(path))
    }

    /// Does a finding on lines `first..=last` of `path` touch a changed line?
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        match self.lines(path) {
            Some(Lines::All) => true,
            Some(Lines::Ranges(r)) => r.iter().any(|r| *r.start() <= last && first <= *r.end()),
            None => false,
        }
    }
}

/// An absolute, lexically normalised path (`.` and `..` resolved without touching the disk).
pub fn absolute(path: &Path) -> PathBuf {
    let p = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = b"diff --git a/docs/a.md b/docs/a.md\n--- a/docs/a.md\n+++ b/docs/a.md\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+a\n+b\n@@ -20,2 +21,0 @@\n-c\n-d\ndiff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\ndiff --git \"a/caf\\303\\251.md\" \"b/caf\\303\\251.md\"\n--- \"a/caf\\303\\251.md\"\n+++ \"b/caf\\303\\251.md\"\n@@ -1 +1 @@\n-q\n+r\n";
        let files = parse_diff(diff);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].0, PathBuf::from("docs/a.md"));
        assert_eq!(files[0].1, Lines::Ranges(vec![3..=3, 11..=12]));
        assert_eq!(files[1].0, PathBuf::from("café.md"));
    }

    #[test]
    fn unquoting_and_absolute_paths() {
        assert_eq!(unquote(b"\"a\\tb\\\\c\\\"\""), b"a\tb\\c\"");
        assert_eq!(unquote(b"plain"), b"plain");
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
