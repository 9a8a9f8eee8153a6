//! Assembles the linter: built-in checks, rule packs (embedded and user), grammar engine.

use crate::config::Config;
use crate::Linter;

/// Builds the linter for a configuration.
pub fn linter(config: Config) -> anyhow::Result<Linter> {
    let checks = crate::checks::builtin();
    Ok(Linter::new(config, checks))
}
