//! Assembles the linter: built-in checks, rule packs (embedded and user), grammar engine.

use crate::config::Config;
use crate::Linter;

/// Builds the linter for a configuration.
pub fn linter(config: Config) -> anyhow::Result<Linter> {
    let checks = crate::checks::builtin();
    let grammar = crate::grammar::setup(&config)?;
    let linter = Linter::new(config, checks);
    Ok(match grammar {
        Some(g) => linter.with_grammar(g),
        None => linter,
    })
}
