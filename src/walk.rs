//! Finding the files to check: explicit paths as given, directories walked with
//! `ignore` (respects .gitignore), filtered by type and include/exclude globs.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// Extensions checked when walking directories.
pub const DEFAULT_EXTENSIONS: [&str; 8] = [
    "txt", "md", "markdown", "mdown", "mkd", "xlf", "xliff", "po",
];

pub struct Walker {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

/// One thing to check, or a path that could not be walked.
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Error(PathBuf, String),
}

/// A glob set; a glob without a slash also matches the file name anywhere in the tree.
pub fn globset(globs: &[String]) -> anyhow::Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| anyhow::anyhow!("invalid glob `{g}`: {e}"))?);
        // A glob without a slash matches the file name anywhere in the tree.
        if !g.contains('/') {
            b.add(
                Glob::new(&format!("**/{g}"))
                    .map_err(|e| anyhow::anyhow!("invalid glob `{g}`: {e}"))?,
            );
        }
    }
    Ok(b.build()?)
}

impl Walker {
    pub fn new(include: &[String], exclude: &[String]) -> anyhow::Result<Self> {
        Ok(Walker {
            include: if include.is_empty() {
                None
            } else {
                Some(globset(include)?)
            },
            exclude: globset(exclude)?,
        })
    }

    /// Would a directory walk check this file (include and exclude globs, default extensions)?
    pub fn wants(&self, path: &Path) -> bool {
        self.wanted(path, false)
    }

    fn wanted(&self, path: &Path, explicit: bool) -> bool {
        let rel = path.strip_prefix("./").unwrap_or(path);
        if self.exclude.is_match(rel) {
            return false;
        }
        if let Some(inc) = &self.include {
            return inc.is_match(rel);
        }
        explicit
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    }

    /// Expands the command-line paths into inputs, sorted by path within each
    /// directory walk; a file named twice (or stdin) is checked once.
    pub fn inputs(&self, paths: &[PathBuf]) -> Vec<Input> {
        let mut out = self.expand(paths);
        let mut seen = std::collections::HashSet::new();
        out.retain(|i| match i {
            Input::File(p) => seen.insert(Some(p.clone())),
            Input::Stdin => seen.insert(None),
            Input::Error(..) => true,
        });
        out
    }

    /// Like [`Walker::inputs`] for the current directory when no path is given:
    /// paths are shown without the leading `./` (as ripgrep does).
    pub fn default_inputs(&self) -> Vec<Input> {
        self.inputs(&[PathBuf::from(".")])
            .into_iter()
            .map(|i| match i {
                Input::File(p) => {
                    Input::File(p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p))
                }
                other => other,
            })
            .collect()
    }

    fn expand(&self, paths: &[PathBuf]) -> Vec<Input> {
        let mut out = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                out.push(Input::Stdin);
                continue;
            }
            match std::fs::metadata(p) {
                Err(e) => out.push(Input::Error(p.clone(), e.to_string())),
                Ok(m) if m.is_dir() => {
                    let mut found = Vec::new();
                    for entry in ignore::WalkBuilder::new(p).hidden(true).build() {
                        match entry {
                            Ok(e) => {
                                if e.file_type().is_some_and(|t| t.is_file())
                                    && self.wanted(e.path(), false)
                                {
                                    found.push(e.into_path());
                                }
                            }
                            Err(e) => out.push(Input::Error(p.clone(), e.to_string())),
                        }
                    }
                    found.sort();
                    out.extend(found.into_iter().map(Input::File));
                }
                Ok(_) => {
                    if self.wanted(p, true) {
                        out.push(Input::File(p.clone()));
                    }
                }
            }
        }
        out
    }
}
