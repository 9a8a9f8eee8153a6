//! `mtlint check`: walk, read, lint (and fix), render, exit status.
//!
//! Streams: diagnostics go to stdout, the summary line and per-file errors and
//! notes to stderr (as cargo does). With `--fix` on standard input, stdout
//! carries the fixed text only and diagnostics go to stderr; `--diff` prints a
//! unified diff on stdout and writes nothing.

use super::{build_linter, CheckArgs, ColorChoice, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::fix::{self, Fixed};
use crate::gate;
use crate::lint::{FileReport, Linter};
use crate::render::{self, plural, Format, RenderOptions, Summary};
use crate::source::offsets::LineIndex;
use crate::source::{self, ReadError, Source};
use crate::walk::{Input, Walker};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Where `check` reads and writes (the process's streams, or buffers in tests).
pub struct Streams<'a> {
    pub stdin: &'a mut dyn Read,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Colour for what goes to stdout / stderr (already resolved from `--color`).
    pub color_out: bool,
    pub color_err: bool,
}

pub fn run(a: CheckArgs) -> anyhow::Result<i32> {
    crate::grammar::prefetch(true);
    let (enable, disable) = (a.enable.clone(), a.disable.clone());
    let langs = (a.source_lang.clone(), a.target_lang.clone());
    let mut linter = build_linter(&a.common, |c| {
        c.rules.enable.extend(enable);
        c.rules.disable.extend(disable);
        c.bilingual.source_lang_flag = langs.0;
        c.bilingual.target_lang_flag = langs.1;
    })?;
    // The result cache (see crate::cache): best effort, never a reason to fail.
    let cache = if a.no_cache {
        None
    } else {
        match crate::cache::Cache::open_default() {
            Ok(c) => Some(std::sync::Arc::new(c)),
            Err(e) => {
                eprintln!("warning: result cache off: {e}");
                None
            }
        }
    };
    if let Some(c) = &cache {
        linter = linter.with_cache(c.clone());
    }
    // stderr is not locked for the whole run: checks running on worker threads may write a note
    // (e.g. the grammar engine when its tokenizer fails to load), which would otherwise deadlock.
    let (mut stdin, mut stdout, mut stderr) = (
        std::io::stdin().lock(),
        super::pipe::QuietPipe::new(std::io::stdout().lock()),
        super::pipe::QuietPipe::new(std::io::stderr()),
    );
    let mut streams = Streams {
        stdin: &mut stdin,
        out: &mut stdout,
        err: &mut stderr,
        color_out: use_color(a.color, std::io::stdout().is_terminal()),
        color_err: use_color(a.color, std::io::stderr().is_terminal()),
    };
    let status = execute(&a, &linter, &mut streams);
    if let Some(c) = &cache {
        c.maybe_prune();
    }
    // The process ends now: freeing the grammar data (a few hundred thousand allocations)
    // would only cost time.
    std::mem::forget(linter);
    status
}

/// `--color`: `auto` is colour on a terminal unless `NO_COLOR` is set (non-empty) or `TERM=dumb`.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
                && std::env::var_os("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// One input after reading, checking and (with --fix/--diff) fixing.
enum Outcome {
    Checked {
        report: Box<FileReport>,
        fixed: Option<Fixed>,
        stdin: bool,
    },
    Skipped(PathBuf, String),
    Failed(PathBuf, String),
}

impl Outcome {
    fn path(&self) -> &Path {
        match self {
            Outcome::Checked { report, .. } => &report.source.path,
            Outcome::Skipped(p, _) | Outcome::Failed(p, _) => p,
        }
    }
}

/// Runs `check` with the given linter and streams; returns the exit status.
pub fn execute(a: &CheckArgs, linter: &Linter, io: &mut Streams) -> anyhow::Result<i32> {
    let mut exclude = a.exclude.clone();
    exclude.extend(linter.config.ignore.iter().cloned());
    let mut include = a.include.clone();
    include.extend(linter.config.include.iter().cloned());
    let walker = Walker::new(&include, &exclude)?;
    let shard = a
        .shard
        .as_deref()
        .map(gate::shard::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let cwd = std::env::current_dir()?;
    let changes = a
        .changed_since
        .as_deref()
        .map(|rev| gate::changed::Changes::since(rev, &cwd))
        .transpose()?;
    let mut inputs = match &changes {
        // The changed files a walk would check, shown relative to the working directory.
        Some(ch) if a.paths.is_empty() => ch
            .files()
            .into_iter()
            .map(|p| p.strip_prefix(&cwd).unwrap_or(p).to_path_buf())
            .filter(|p| walker.wants(p))
            .map(Input::File)
            .collect(),
        _ if a.paths.is_empty() => walker.default_inputs(),
        _ => walker.inputs(&a.paths),
    };
    inputs.retain(|i| match i {
        Input::File(p) => {
            changes.as_ref().map_or(true, |ch| ch.lines(p).is_some())
                && shard.map_or(true, |(k, n)| gate::shard::contains(p, k, n))
        }
        _ => true,
    });
    let stdin_name = a
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));
    let fixing = a.fix || a.diff;
    // `--source SRC TARGET`: one target, checked against its source.
    let pair = match &a.source {
        None => None,
        Some(src) => {
            if inputs.len() != 1 || !matches!(inputs[0], Input::File(_)) {
                message(
                    io,
                    "error",
                    src,
                    "--source pairs a source with exactly one target file: mtlint check --source SRC TARGET",
                )?;
                return Ok(EXIT_ERROR);
            }
            match source::read_file(src) {
                Ok(s) => Some(crate::lint::Paired {
                    text: s.text,
                    kind: s.kind,
                }),
                Err(e) => {
                    message(io, "error", src, &e.to_string())?;
                    return Ok(EXIT_ERROR);
                }
            }
        }
    };
    let pair = pair.as_ref();

    // Standard input is read once, before the parallel part.
    let mut stdin_source = None;
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        stdin_source = Some(source::read_stream(io.stdin, &stdin_name));
    }
    let mut stdin_source = stdin_source.map(Some);

    let loaded: Vec<(Input, Option<Result<Source, ReadError>>)> = inputs
        .into_iter()
        .map(|i| {
            let s = match &i {
                Input::Stdin => stdin_source.as_mut().and_then(Option::take),
                _ => None,
            };
            (i, s)
        })
        .collect();

    let mut outcomes: Vec<Outcome> = loaded
        .into_par_iter()
        .map(|(input, stdin_read)| {
            let (read, is_stdin) = match &input {
                Input::File(p) => (source::read_file(p).map_err(|e| (p.clone(), e)), false),
                Input::Stdin => match stdin_read {
                    Some(r) => (r.map_err(|e| (stdin_name.clone(), e)), true),
                    None => {
                        return Outcome::Failed(
                            stdin_name.clone(),
                            "standard input was already read".into(),
                        )
                    }
                },
                Input::Error(p, e) => return Outcome::Failed(p.clone(), e.clone()),
            };
            match read {
                Ok(src) => {
                    if let Some(p) = pair {
                        if let Err(why) = linter.align(&src.text, src.kind, p) {
                            return Outcome::Failed(src.path, why);
                        }
                    }
                    let mut report = match pair {
                        Some(p) => linter.check_paired(src, p),
                        None => linter.check(src),
                    };
                    let kind = report.source.kind;
                    fix::protect_markup(&report.source.text, kind, &mut report.diagnostics);
                    let fixed = fixing.then(|| {
                        fix::fix_until_stable(
                            &report.source.text,
                            Some(report.diagnostics.clone()),
                            |t| {
                                let mut ds = linter.check_text_paired(t, kind, pair);
                                fix::protect_markup(t, kind, &mut ds);
                                ds
                            },
                        )
                    });
                    Outcome::Checked {
                        report: Box::new(report),
                        fixed,
                        stdin: is_stdin,
                    }
                }
                Err((p, e)) if e.is_skip() => Outcome::Skipped(p, e.to_string()),
                // A malformed XLIFF or PO file: `path:line:column: message`, as compilers say it.
                Err((p, ReadError::Malformed(e))) => Outcome::Failed(
                    PathBuf::from(format!("{}:{}:{}", p.display(), e.line, e.column)),
                    e.message,
                ),
                Err((p, e)) => Outcome::Failed(p, e.to_string()),
            }
        })
        .collect();
    // Deterministic output: by path (stable, so a path named twice keeps its order).
    outcomes.sort_by(|a, b| a.path().cmp(b.path()));

    let mut failed = false;
    let mut reports = Vec::new();
    let mut fixed_total = (0usize, 0usize); // (problems, files)
    let mut diff_files = 0usize;
    let mut stdin_fixed: Option<String> = None;
    for o in outcomes {
        match o {
            Outcome::Checked {
                report,
                fixed,
                stdin,
            } => {
                let report = *report;
                let Some(f) = fixed else {
                    reports.push(report);
                    continue;
                };
                let changed = f.text != report.source.text;
                if a.diff {
                    if changed {
                        diff_files += 1;
                        fixed_total.0 += f.fixed;
                        write_diff(io.out, &report.source.path, &report.source.text, &f.text)?;
                    }
                    reports.push(report);
                    continue;
                }
                if stdin {
                    stdin_fixed = Some(f.text.clone());
                } else if changed {
                    let written = match &report.source.stamp {
                        Some(stamp) => {
                            fix::write_fixed(&report.source.path, stamp, f.text.as_bytes())
                        }
                        None => Err(fix::Refused::Changed),
                    };
                    if let Err(why) = written {
                        // A file changed meanwhile or read-only is left as it was and reported
                        // as checked; a write that failed is an error.
                        let io_error = matches!(why, fix::Refused::Io(_));
                        let tag = if io_error { "error" } else { "warning" };
                        message(io, tag, &report.source.path, &why.to_string())?;
                        failed |= io_error;
                        reports.push(report);
                        continue;
                    }
                }
                if changed {
                    fixed_total.0 += f.fixed;
                    fixed_total.1 += 1;
                }
                if !f.converged {
                    message(
                        io,
                        "warning",
                        &report.source.path,
                        &format!("fixes did not settle after {} passes", fix::MAX_PASSES),
                    )?;
                }
                let source = Source {
                    text: f.text,
                    ..report.source
                };
                let lines = LineIndex::new(&source.text);
                reports.push(FileReport {
                    source,
                    diagnostics: f.remaining,
                    lines,
                });
            }
            Outcome::Skipped(p, why) => message(io, "note", &p, &why)?,
            Outcome::Failed(p, why) => {
                message(io, "error", &p, &why)?;
                failed = true;
            }
        }
    }

    if a.diff {
        let line = if diff_files == 0 {
            "no safe fixes to apply".to_string()
        } else {
            format!(
                "would fix {} in {}",
                plural(fixed_total.0, "problem"),
                plural(diff_files, "file")
            )
        };
        writeln!(io.err, "{line}")?;
        io.out.flush()?;
        return Ok(if failed {
            EXIT_ERROR
        } else if diff_files > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }

    // Checks across files: one source translated differently in two bilingual files.
    let severity = linter
        .rule(crate::checks::bilingual::INCONSISTENT)
        .filter(|m| linter.config.is_enabled(m))
        .map(|m| linter.config.severity_of(&m.id, m.category, m.severity));
    crate::checks::bilingual::project::across_files(&mut reports, severity);

    // Only findings on changed lines; only findings not in the baseline.
    if let Some(ch) = &changes {
        for r in &mut reports {
            let (lines, path) = (&r.lines, &r.source.path);
            r.diagnostics.retain(|d| {
                let first = lines.line_of(d.span.start) + 1;
                let last = lines.line_of(d.span.end.saturating_sub(1).max(d.span.start)) + 1;
                ch.touches(path, first, last)
            });
        }
    }
    let baseline = a
        .baseline
        .as_deref()
        .map(gate::baseline::Baseline::load)
        .transpose()?;
    let in_baseline = baseline.as_ref().map(|b| b.matches(&reports));
    if let Some(file) = &a.write_baseline {
        let entries = gate::baseline::entries(&reports, in_baseline.as_deref(), file);
        gate::baseline::write(file, &entries)?;
        writeln!(
            io.err,
            "wrote {} to {}",
            plural(entries.len(), "finding"),
            file.display()
        )?;
    }
    if let (Some(b), Some(flags)) = (&baseline, &in_baseline) {
        let mut hidden = 0;
        for (r, f) in reports.iter_mut().zip(flags) {
            let mut keep = f.iter().map(|m| !m);
            hidden += f.iter().filter(|m| **m).count();
            r.diagnostics.retain(|_| keep.next().unwrap_or(true));
        }
        if a.format == Format::Human {
            writeln!(
                io.err,
                "{} in the baseline not shown ({} entries)",
                plural(hidden, "finding"),
                b.len()
            )?;
        }
    }

    // With --fix on stdin, stdout is the fixed text; diagnostics go to stderr.
    let (target, color): (&mut dyn Write, bool) = match &stdin_fixed {
        Some(text) => {
            io.out.write_all(text.as_bytes())?;
            io.out.flush()?;
            (&mut *io.err, io.color_err)
        }
        None => (&mut *io.out, io.color_out),
    };
    let opts = RenderOptions {
        color,
        rules: linter.rules(),
    };
    render::render(a.format, &reports, &opts, target)?;
    target.flush()?;
    if a.format == Format::Human {
        if a.fix {
            writeln!(
                io.err,
                "fixed {} in {}",
                plural(fixed_total.0, "problem"),
                plural(fixed_total.1, "file")
            )?;
        }
        if !reports.is_empty() || !failed {
            writeln!(io.err, "{}", Summary::of(&reports).line())?;
        }
    }
    if failed {
        return Ok(EXIT_ERROR);
    }
    if let Some(max) = a.max_penalty {
        let weights = linter.config.penalty;
        let mut over = 0;
        for r in &reports {
            let score = gate::penalty::score(r, &weights);
            if score > max {
                over += 1;
                writeln!(
                    io.err,
                    "penalty: {}: {score:.1} per 1,000 words (more than {max})",
                    render::display_path(&r.source.path)
                )?;
            }
        }
        if over > 0 {
            writeln!(
                io.err,
                "{} over the penalty limit of {max} per 1,000 words",
                plural(over, "file")
            )?;
        }
        return Ok(if over > 0 { EXIT_FINDINGS } else { EXIT_CLEAN });
    }
    let deny = a.deny.or(linter.config.deny).unwrap_or(Severity::Warning);
    let findings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= deny);
    Ok(if findings { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// "error: path: why" on stderr, the tag coloured on a terminal.
fn message(io: &mut Streams, tag: &str, path: &Path, why: &str) -> std::io::Result<()> {
    if io.color_err {
        let code = match tag {
            "error" => "1;31",
            "warning" => "1;33",
            _ => "1;36",
        };
        writeln!(
            io.err,
            "\x1b[{code}m{tag}\x1b[0m: {}: {why}",
            render::display_path(path)
        )
    } else {
        writeln!(io.err, "{tag}: {}: {why}", render::display_path(path))
    }
}

/// A unified diff of one file, headed `--- PATH` / `+++ PATH` (as ruff does; `patch -p0` applies it).
fn write_diff(w: &mut dyn Write, path: &Path, old: &str, new: &str) -> std::io::Result<()> {
    render::diff::write(w, &render::diff::header_name(path), old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_choice() {
        assert!(use_color(ColorChoice::Always, false));
        assert!(!use_color(ColorChoice::Never, true));
        assert!(!use_color(ColorChoice::Auto, false));
    }
}
