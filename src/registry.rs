//! Assembles the linter: built-in checks, rule packs (embedded and user), grammar engine.

use crate::config::Config;
use crate::Linter;

/// Builds the linter for a configuration.
pub fn linter(config: Config) -> anyhow::Result<Linter> {
    // The spelling check's words file: unreadable is a usage error (exit 2), like a bad config.
    crate::checks::spelling::validate_config(&config)?;
    let mut checks = crate::checks::builtin();
    // The bilingual glossary (a bad file is an error with its line and column, exit 2).
    let glossary = match &config.bilingual.glossary {
        Some(f) => crate::checks::bilingual::glossary::Glossary::load(
            &config.resolve(f),
            config
                .bilingual
                .source_lang_flag
                .as_deref()
                .or(config.bilingual.source_lang.as_deref()),
        )?,
        None => Default::default(),
    };
    checks.push(Box::new(
        crate::checks::bilingual::glossary::GlossaryCheck { glossary },
    ));
    let builtin: Vec<_> = checks.iter().flat_map(|c| c.rules()).collect();
    // Pattern-rule packs (embedded + config.rules.dirs); a malformed pack is an error (exit 2).
    checks.push(Box::new(crate::rules::RuleSet::load(&config, &builtin)?));
    // LanguageTool rules and POS analysis (nlprule); None when off or without data.
    let grammar = crate::grammar::setup(&config)?;
    let loaded = grammar.is_some();
    let linter = Linter::new(config, checks);
    let linter = match grammar {
        Some(g) => linter.with_grammar(g),
        None => linter,
    };
    // A selector that names no rule is a typo that would leave a rule on (or off) unnoticed.
    crate::config::selectors::validate(&linter.config, linter.rules(), loaded)?;
    Ok(linter)
}
