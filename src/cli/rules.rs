//! `mtlint rules` and `mtlint explain`.

use super::{build_linter, ExplainArgs, RulesArgs, RulesFormat, EXIT_CLEAN, EXIT_ERROR};
use std::io::Write;

pub fn list(a: RulesArgs) -> anyhow::Result<i32> {
    if a.verify {
        return verify(a);
    }
    let dirs = a.dirs.clone();
    let linter = build_linter(&a.common, |c| c.rules.dirs.extend(dirs))?;
    let mut out = super::pipe::QuietPipe::new(std::io::stdout().lock());
    match a.format {
        RulesFormat::Json => {
            let rules: Vec<_> = linter
                .rules()
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id,
                        "category": m.category,
                        "severity": linter.config.severity(m),
                        "summary": m.summary,
                        "fix": m.fix,
                        "enabled": linter.config.is_enabled(m),
                        "needs_pos": m.needs_pos,
                        "origin": m.origin,
                        "source_lang": m.source_lang,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Human => {
            let w = linter
                .rules()
                .iter()
                .map(|m| m.id.len())
                .max()
                .unwrap_or(10);
            for m in linter.rules() {
                let on = if linter.config.is_enabled(m) {
                    " "
                } else {
                    "-"
                };
                let pos = if m.needs_pos { " [pos]" } else { "" };
                writeln!(
                    out,
                    "{on} {:<w$}  {:<14} {:<7}  {}{pos}",
                    m.id,
                    m.category.as_str(),
                    linter.config.severity(m).as_str(),
                    m.summary
                )?;
            }
            writeln!(out, "\n{} rules ('-' = off by default or by config; [pos] = needs the grammar engine's data)", linter.rules().len())?;
        }
    }
    Ok(EXIT_CLEAN)
}

/// `mtlint rules --verify [DIR...]`.
fn verify(a: RulesArgs) -> anyhow::Result<i32> {
    use crate::rules::verify;
    let mut config = super::load_config(&a.common)?;
    // Directories named on the command line are relative to the working directory.
    let cwd = std::env::current_dir()?;
    config.rules.dirs.extend(a.dirs.iter().map(|d| cwd.join(d)));
    let packs = crate::rules::packs(&config)?;
    let rules: Vec<_> = crate::rules::RuleSet::from_packs(&packs, &config)?
        .compiled()
        .iter()
        .map(|r| r.meta.clone())
        .collect();
    let linter = crate::registry::linter(verify::config_for(config, &rules))?.unmerged();
    let report = verify::verify(&rules, &linter, &packs);
    let mut out = super::pipe::QuietPipe::new(std::io::stdout().lock());
    for f in &report.failures {
        writeln!(out, "{f}")?;
    }
    out.flush()?;
    let mut err = std::io::stderr();
    if !report.skipped.is_empty() {
        writeln!(
            err,
            "note: {} not verified: they need the grammar engine's data ({})",
            crate::render::plural(report.skipped.len(), "rule"),
            report.skipped.join(", ")
        )?;
    }
    writeln!(
        err,
        "verified {} of {}: {}",
        crate::render::plural(report.examples, "example"),
        crate::render::plural(report.rules, "rule"),
        if report.failures.is_empty() {
            "all pass".to_string()
        } else {
            format!("{} failed", report.failures.len())
        }
    )?;
    Ok(if report.failures.is_empty() {
        EXIT_CLEAN
    } else {
        super::EXIT_FINDINGS
    })
}

pub fn explain(a: ExplainArgs) -> anyhow::Result<i32> {
    let linter = build_linter(&a.common, |_| {})?;
    let Some(m) = linter.rule(&a.rule) else {
        eprintln!("error: unknown rule `{}` (see `mtlint rules`)", a.rule);
        return Ok(EXIT_ERROR);
    };
    let mut out = super::pipe::QuietPipe::new(std::io::stdout().lock());
    writeln!(
        out,
        "{}  ({}, {}, fix: {:?})",
        m.id,
        m.category,
        linter.config.severity(m),
        m.fix
    )?;
    write!(out, "\n{}", m.explain())?;
    Ok(EXIT_CLEAN)
}
