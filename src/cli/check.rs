//! `mtlint check`.

use super::{build_linter, CheckArgs, ColorChoice, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::render::{self, Format, Summary};
use crate::source::{self, ReadError};
use crate::walk::{Input, Walker};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

enum Outcome {
    Report(FileReport),
    Skipped(PathBuf, String),
    Failed(PathBuf, String),
}

pub fn run(a: CheckArgs) -> anyhow::Result<i32> {
    let (enable, disable) = (a.enable.clone(), a.disable.clone());
    let linter = build_linter(&a.common, |c| {
        c.rules.enable.extend(enable);
        c.rules.disable.extend(disable);
    })?;
    let mut exclude = a.exclude.clone();
    exclude.extend(linter.config.ignore.iter().cloned());
    let walker = Walker::new(&a.include, &exclude)?;
    let inputs = walker.inputs(&a.paths);
    let stdin_name = a
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));

    let outcomes: Vec<Outcome> = inputs
        .into_par_iter()
        .map(|input| {
            let read = match &input {
                Input::File(p) => source::read_file(p).map_err(|e| (p.clone(), e)),
                Input::Stdin => {
                    source::read_stdin(&stdin_name).map_err(|e| (stdin_name.clone(), e))
                }
                Input::Error(p, e) => return Outcome::Failed(p.clone(), e.clone()),
            };
            match read {
                Ok(src) => Outcome::Report(linter.check(src)),
                Err((p, e @ ReadError::Binary)) => Outcome::Skipped(p, e.to_string()),
                Err((p, e)) => Outcome::Failed(p, e.to_string()),
            }
        })
        .collect();

    let mut failed = false;
    let mut reports = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Report(r) => reports.push(r),
            Outcome::Skipped(p, why) => eprintln!("note: {}: {why}", p.display()),
            Outcome::Failed(p, why) => {
                eprintln!("error: {}: {why}", p.display());
                failed = true;
            }
        }
    }

    let deny = a.deny.or(linter.config.deny).unwrap_or(Severity::Warning);
    let summary = Summary::of(&reports);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let color = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    match a.format {
        Format::Jsonl => render::jsonl::render(&reports, &mut out)?,
        Format::Json | Format::Human => {
            let _ = color;
            render::jsonl::render(&reports, &mut out)?;
        }
    }
    out.flush()?;
    let _ = summary;
    if failed {
        return Ok(EXIT_ERROR);
    }
    let findings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= deny);
    Ok(if findings { EXIT_FINDINGS } else { EXIT_CLEAN })
}
