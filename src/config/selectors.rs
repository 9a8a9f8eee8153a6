//! Rule selectors (`--enable`, `--disable`, `[rules] enable/disable/severity`) checked against
//! the rules that exist: a typo (`repetition/repeated-wrod`) would otherwise leave the rule on
//! without a word. A selector that names nothing is an error, with the closest rule id or
//! category as a hint and, for the config file, the line and column of the selector.

use super::{specificity, Config, FileError};
use crate::checks::RuleMeta;
use crate::diagnostic::Category;

/// A selector that selects no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub selector: String,
    /// The closest rule id or category, if one is close.
    pub hint: Option<String>,
}

impl Unknown {
    pub fn describe(&self) -> String {
        let mut s = format!("`{}` matches no rule", self.selector);
        match &self.hint {
            Some(h) => s.push_str(&format!("; did you mean `{h}`?")),
            None => s.push_str(" (see `mtlint rules`)"),
        }
        s
    }
}

/// Does `sel` select at least one of `rules`? Without the grammar engine (`grammar_loaded`
/// false) LanguageTool's ids are unknown: selectors that may name them (`lt/…`, globs starting
/// with `*`) are given the benefit of the doubt.
pub fn selects_something(sel: &str, rules: &[RuleMeta], grammar_loaded: bool) -> bool {
    let s = sel.trim();
    if s == "all" || s == "*" || Category::ALL.iter().any(|c| c.as_str() == s) {
        return true;
    }
    if !grammar_loaded && (s.starts_with("lt") || s.starts_with('*')) {
        return true;
    }
    rules
        .iter()
        .any(|m| specificity(s, &m.id, m.category).is_some())
}

/// The known id or category closest to `sel`, when it is close enough to be a likely typo.
pub fn closest(sel: &str, rules: &[RuleMeta]) -> Option<String> {
    let names = rules
        .iter()
        .map(|m| m.id.as_str())
        .chain(Category::ALL.iter().map(|c| c.as_str()));
    let (score, best) = names
        .map(|n| (strsim::jaro_winkler(sel, n), n))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    (score >= 0.85).then(|| best.to_string())
}

/// Every selector of the config (and of the command line, which adds to the config's lists)
/// that selects nothing.
pub fn unknown(config: &Config, rules: &[RuleMeta], grammar_loaded: bool) -> Vec<Unknown> {
    let mut out: Vec<Unknown> = Vec::new();
    let all = config
        .rules
        .enable
        .iter()
        .chain(&config.rules.disable)
        .chain(config.rules.severity.keys());
    for sel in all {
        if selects_something(sel, rules, grammar_loaded) || out.iter().any(|u| &u.selector == sel) {
            continue;
        }
        out.push(Unknown {
            selector: sel.clone(),
            hint: closest(sel.trim(), rules),
        });
    }
    out
}

/// Fails on the first selector that selects nothing: at its line and column when the config
/// file holds it, else as a command-line error.
pub fn validate(config: &Config, rules: &[RuleMeta], grammar_loaded: bool) -> anyhow::Result<()> {
    let Some(u) = unknown(config, rules, grammar_loaded).into_iter().next() else {
        return Ok(());
    };
    if let Some(path) = &config.path {
        if let Ok(text) = std::fs::read_to_string(path) {
            if let Some(at) = super::locate::quoted(&text, &u.selector) {
                return Err(FileError::at(path, &text, at, u.describe()).into());
            }
        }
    }
    anyhow::bail!("--enable/--disable: {}", u.describe())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FixSafety, Severity};

    fn rules() -> Vec<RuleMeta> {
        [
            "repetition/repeated-word",
            "calque/possessive-son",
            "lt/GRAMMAR/DT_DT/1",
        ]
        .iter()
        .map(|id| {
            RuleMeta::builtin(
                id,
                Category::Repetition,
                Severity::Warning,
                FixSafety::None,
                "x",
            )
        })
        .collect()
    }

    #[test]
    fn ids_globs_families_and_categories_select() {
        let r = rules();
        for s in [
            "repetition/repeated-word",
            "calque/*",
            "calque/",
            "lt/GRAMMAR/*",
            "grammar",
            "all",
            "*-son",
        ] {
            assert!(selects_something(s, &r, true), "{s}");
        }
        for s in [
            "repetition/repeated-wrod",
            "calque",
            "calque/*-sons",
            "lt/X/*",
        ] {
            assert!(!selects_something(s, &r, true), "{s}");
        }
    }

    #[test]
    fn without_grammar_lt_selectors_are_not_judged() {
        assert!(selects_something("lt/X/*", &rules(), false));
        assert!(!selects_something("calque/nope", &rules(), false));
    }

    #[test]
    fn a_typo_gets_the_closest_id() {
        assert_eq!(
            closest("repetition/repeated-wrod", &rules()).as_deref(),
            Some("repetition/repeated-word")
        );
        assert_eq!(closest("gramar", &rules()).as_deref(), Some("grammar"));
        assert_eq!(closest("zzzz", &rules()), None);
    }
}
