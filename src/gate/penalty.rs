//! `--max-penalty N`: an MQM-style score per file, for a gate a content team understands.
//!
//! A file's penalty is the sum of its findings' weights per 1,000 words of its prose (Markdown
//! markup, code and front matter do not count as words). Weights by severity are set in
//! `mtlint.toml` (`[penalty] info = 0, warning = 1, error = 5` by default, as MQM weighs minor
//! and major errors).

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use serde::Deserialize;

/// Points per finding, by severity.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default)]
    pub info: f64,
    #[serde(default = "one")]
    pub warning: f64,
    #[serde(default = "five")]
    pub error: f64,
}

fn one() -> f64 {
    1.0
}

fn five() -> f64 {
    5.0
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            info: 0.0,
            warning: 1.0,
            error: 5.0,
        }
    }
}

// Weights are read from TOML numbers, never NaN: equality is total (Config compares as Eq).
impl Eq for Weights {}

/// Words of prose in a file.
pub fn words(report: &FileReport) -> usize {
    let doc = crate::document::Document::new(&report.source.text, report.source.kind);
    doc.text.split_whitespace().count()
}

/// The file's penalty per 1,000 words (0 for a file without words).
pub fn score(report: &FileReport, weights: &Weights) -> f64 {
    let points: f64 = report
        .diagnostics
        .iter()
        .map(|d| match d.severity {
            Severity::Info => weights.info,
            Severity::Warning => weights.warning,
            Severity::Error => weights.error,
        })
        .sum();
    let words = words(report);
    if words == 0 {
        0.0
    } else {
        points * 1000.0 / words as f64
    }
}
