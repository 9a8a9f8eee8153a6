//! Running every pack rule's own examples (`mtlint rules --verify`, and the test suite for the
//! embedded packs): each example (brackets mark the span) must draw exactly one diagnostic of
//! its rule, on that span, with the given fix as first suggestion; no counter-example may draw
//! one. A failure is reported at the example's line in its pack.

use super::compile::split_example;
use super::PackSource;
use crate::checks::RuleMeta;
use crate::config::Config;
use crate::source::SourceKind;
use crate::Linter;

/// One example that does not behave as written.
#[derive(Debug, Clone)]
pub struct Failure {
    /// `path:line:column` of the example in its pack (of the rule when the example cannot be
    /// found, e.g. for terms of the config's `[[terminology]]`).
    pub location: String,
    pub rule: String,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.rule, self.message)
    }
}

/// What a verification run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Rules whose examples ran.
    pub rules: usize,
    /// Examples and counter-examples that ran.
    pub examples: usize,
    /// Rules not verified: they need the grammar engine's data, which is not loaded.
    pub skipped: Vec<String>,
    pub failures: Vec<Failure>,
}

/// The config for verifying `rules`: only they are on (default-off ones too), the grammar
/// engine is used when its data is there (LanguageTool's own rules stay off).
pub fn config_for(mut config: Config, rules: &[RuleMeta]) -> Config {
    config.rules.enable = rules.iter().map(|m| m.id.clone()).collect();
    config.rules.disable = vec!["all".into()];
    config.rules.severity.clear();
    config
}

/// Runs the examples of `rules` with `linter`, which must be [`Linter::unmerged`] (so that no
/// other rule hides a diagnostic) and configured by [`config_for`]. `packs` locate failures.
pub fn verify(rules: &[RuleMeta], linter: &Linter, packs: &[PackSource]) -> Report {
    let mut report = Report::default();
    let has_pos = linter.grammar().is_some();
    for m in rules {
        if m.needs_pos && !has_pos {
            report.skipped.push(m.id.clone());
            continue;
        }
        report.rules += 1;
        let pack = packs.iter().find(|p| p.origin == m.origin);
        let locate = |example: &str| location(pack, &m.id, example, &m.origin);
        let run = |text: &str| {
            linter
                .check_text(text, SourceKind::Plain)
                .into_iter()
                .filter(|d| d.rule == m.id)
                .collect::<Vec<_>>()
        };
        let mut fail = |example: &str, message: String| {
            report.failures.push(Failure {
                location: locate(example),
                rule: m.id.clone(),
                message,
            })
        };
        for (example, fix) in &m.examples {
            report.examples += 1;
            let Ok((text, span)) = split_example(example) else {
                fail(example, format!("example {example:?} has no [marked span]"));
                continue;
            };
            let found = run(&text);
            if found.len() != 1 || found[0].span != span {
                let got: Vec<String> = found
                    .iter()
                    .map(|d| format!("{:?} → {:?}", &text[d.span.clone()], d.suggestions))
                    .collect();
                fail(
                    example,
                    format!(
                        "example {example:?}: expected one diagnostic on {:?}, found [{}]",
                        &text[span.clone()],
                        got.join("; ")
                    ),
                );
                continue;
            }
            if let Some(fix) = fix {
                if found[0].suggestions.first() != Some(fix) {
                    fail(
                        example,
                        format!(
                            "example {example:?}: expected first suggestion {fix:?}, found {:?}",
                            found[0].suggestions
                        ),
                    );
                }
            }
        }
        for counter in &m.counter_examples {
            report.examples += 1;
            let found = run(counter);
            if !found.is_empty() {
                let what: Vec<_> = found
                    .iter()
                    .map(|d| format!("{:?}", &counter[d.span.clone()]))
                    .collect();
                fail(
                    counter,
                    format!(
                        "counter-example {counter:?} is flagged at {}",
                        what.join(", ")
                    ),
                );
            }
        }
    }
    report
}

/// `path:line:column` of `example` in its pack, else of the rule's id, else the origin alone.
fn location(pack: Option<&PackSource>, id: &str, example: &str, origin: &str) -> String {
    let Some(p) = pack else {
        return origin.to_string();
    };
    let at = crate::config::locate::quoted(&p.text, example)
        .or_else(|| crate::config::locate::quoted(&p.text, id));
    match at {
        Some(off) => {
            let lines = crate::source::offsets::LineIndex::new(&p.text);
            let lc = lines.line_col(&p.text, off);
            format!(
                "{}:{}:{}",
                crate::render::display_path(&p.path),
                lc.line,
                lc.column
            )
        }
        None => crate::render::display_path(&p.path),
    }
}
