//! Baselines: adopting mtlint without fixing every old finding first.
//!
//! `--write-baseline FILE` records the current findings; `--baseline FILE` reports only those
//! not in it. A finding is matched by its file, rule and fingerprint ([`crate::fingerprint`]: the
//! flagged text with three words of context each side, and which occurrence it is), never by
//! line number, so an edit elsewhere in the file does not bring old findings back. Writing a
//! baseline while one is given (`--baseline F --write-baseline F`) keeps only the entries that
//! still match: fixed findings leave it and never come back as old ones — re-introduced, they
//! count as new. Paths are stored relative to the baseline file's directory.

use crate::lint::FileReport;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Version of the baseline file format.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// The flagged text (for people reading the file; not matched).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline.
pub struct Baseline {
    dir: PathBuf,
    keys: HashSet<(String, String, String)>,
}

/// The path of `file` as a baseline stores it: relative to `dir` when inside it, `/` separators.
fn key_path(dir: &Path, file: &Path) -> String {
    let abs = super::changed::absolute(file);
    let rel = abs.strip_prefix(dir).unwrap_or(&abs);
    crate::render::display_path(rel).replace('\\', "/")
}

/// The baseline entries of the findings of `reports` that `keep` lets through (`keep[i][j]`
/// for finding j of report i; None: all).
pub fn entries(
    reports: &[FileReport],
    keep: Option<&[Vec<bool>]>,
    baseline_file: &Path,
) -> Vec<Entry> {
    let dir = dir_of(baseline_file);
    let mut out = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let path = key_path(&dir, &r.source.path);
        let fps = crate::fingerprint::of_report(r);
        for (j, (d, fp)) in r.diagnostics.iter().zip(fps).enumerate() {
            if keep.is_some_and(|k| !k[i][j]) {
                continue;
            }
            out.push(Entry {
                path: path.clone(),
                rule: d.rule.clone(),
                fingerprint: fp,
                text: r.source.text.get(d.span.clone()).unwrap_or("").to_string(),
            });
        }
    }
    out.sort();
    out
}

fn dir_of(file: &Path) -> PathBuf {
    let abs = super::changed::absolute(file);
    abs.parent().map(Path::to_path_buf).unwrap_or(abs)
}

/// Writes `entries` to `file` (JSON, sorted, atomically).
pub fn write(file: &Path, entries: &[Entry]) -> anyhow::Result<()> {
    let doc = BaselineFile {
        version: VERSION,
        findings: entries.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    let dir = dir_of(file);
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(file)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", file.display(), e.error))?;
    Ok(())
}

impl Baseline {
    pub fn load(file: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("cannot read the baseline {}: {e}", file.display()))?;
        let doc: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not an mtlint baseline: {e}",
                file.display(),
                e.line(),
                e.column()
            )
        })?;
        if doc.version != VERSION {
            anyhow::bail!(
                "{}: baseline version {} (this mtlint reads version {VERSION})",
                file.display(),
                doc.version
            );
        }
        Ok(Baseline {
            dir: dir_of(file),
            keys: doc
                .findings
                .into_iter()
                .map(|e| (e.path, e.rule, e.fingerprint))
                .collect(),
        })
    }

    /// For each report, for each of its findings: is it in the baseline?
    pub fn matches(&self, reports: &[FileReport]) -> Vec<Vec<bool>> {
        reports
            .iter()
            .map(|r| {
                let path = key_path(&self.dir, &r.source.path);
                crate::fingerprint::of_report(r)
                    .into_iter()
                    .zip(&r.diagnostics)
                    .map(|(fp, d)| self.keys.contains(&(path.clone(), d.rule.clone(), fp)))
                    .collect()
            })
            .collect()
    }

    /// How many entries the baseline has.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
