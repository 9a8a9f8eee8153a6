//! `mtlint rules` and `mtlint explain`.

use super::{build_linter, ExplainArgs, RulesArgs, RulesFormat, EXIT_CLEAN, EXIT_ERROR};
use std::io::Write;

pub fn list(a: RulesArgs) -> anyhow::Result<i32> {
    let linter = build_linter(&a.common, |_| {})?;
    let mut out = std::io::stdout().lock();
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

pub fn explain(a: ExplainArgs) -> anyhow::Result<i32> {
    let linter = build_linter(&a.common, |_| {})?;
    let Some(m) = linter.rule(&a.rule) else {
        eprintln!("error: unknown rule `{}` (see `mtlint rules`)", a.rule);
        return Ok(EXIT_ERROR);
    };
    let mut out = std::io::stdout().lock();
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
