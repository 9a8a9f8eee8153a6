//! Which LanguageTool rules are on by default, and at which severity.
//!
//! A rule's default, in order:
//! 1. off if it fails its own LanguageTool examples under nlprule (the list generated from the
//!    embedded data, `data/nlprule/failing-examples.txt`; `tests/lt_examples.rs` re-runs every
//!    rule's examples and fails when the list is stale);
//! 2. mtlint's decision in `lt_defaults.toml` (`[[off]]`, `[[on]]`, `[[info]]` groups, each with
//!    the evidence it stands on);
//! 3. LanguageTool's own default.
//!
//! A selector is a full id (`CATEGORY/GROUP/N`), a group (`CATEGORY/GROUP`) or a category.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    /// The evidence for the decision (documentation only).
    #[allow(dead_code)]
    why: String,
    rules: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Defaults {
    #[serde(default)]
    off: Vec<Group>,
    #[serde(default)]
    on: Vec<Group>,
    #[serde(default)]
    info: Vec<Group>,
}

const DEFAULTS_TOML: &str = include_str!("lt_defaults.toml");

/// The failing-examples list of the embedded data (empty without it).
#[cfg(feature = "embedded-grammar")]
const FAILING_TXT: &str = include_str!("../../data/nlprule/failing-examples.txt");
#[cfg(not(feature = "embedded-grammar"))]
const FAILING_TXT: &str = "";

struct Selectors {
    off: Vec<String>,
    on: Vec<String>,
    info: Vec<String>,
}

fn selectors() -> &'static Selectors {
    static S: OnceLock<Selectors> = OnceLock::new();
    S.get_or_init(|| {
        let d: Defaults =
            toml::from_str(DEFAULTS_TOML).expect("src/grammar/lt_defaults.toml is valid");
        let flat = |g: Vec<Group>| g.into_iter().flat_map(|g| g.rules).collect();
        Selectors {
            off: flat(d.off),
            on: flat(d.on),
            info: flat(d.info),
        }
    })
}

fn matches(sels: &[String], id: &str) -> bool {
    sels.iter().any(|sel| {
        id == sel
            || id
                .strip_prefix(sel.as_str())
                .is_some_and(|r| r.starts_with('/'))
    })
}

/// Is `id` in mtlint's default-off list?
pub fn default_off(id: &str) -> bool {
    matches(&selectors().off, id)
}

/// Does mtlint turn `id` on although LanguageTool ships it off?
pub fn default_on(id: &str) -> bool {
    matches(&selectors().on, id)
}

/// Does mtlint report `id` at info severity (a style choice)?
pub fn info(id: &str) -> bool {
    matches(&selectors().info, id)
}

/// The rules of a rules file that fail their own examples, when the file is the one the list was
/// made for (its BLAKE3 hash is on the list's `# rules:` line); empty otherwise.
pub struct Failing {
    ids: HashSet<String>,
}

impl Failing {
    /// The list for the rules file whose (gunzipped) bytes have the BLAKE3 hash `hash`.
    pub fn for_hash(hash: &str) -> Self {
        let list = parse(FAILING_TXT);
        let ids = match list.hash {
            Some(h) if h == hash => list.ids,
            _ => HashSet::new(),
        };
        Failing { ids }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A failing-examples list: the hash of the rules file it belongs to and the rule ids.
pub struct FailingList {
    pub hash: Option<String>,
    pub ids: HashSet<String>,
}

/// Parses a failing-examples list (`#` comments; `# rules: HASH`; one id per line).
pub fn parse(text: &str) -> FailingList {
    let mut hash = None;
    let mut ids = HashSet::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix("# rules:") {
            hash = Some(h.trim().to_string());
        } else if !line.is_empty() && !line.starts_with('#') {
            ids.insert(line.to_string());
        }
    }
    FailingList { hash, ids }
}

/// Writes a failing-examples list for the rules file with hash `hash`.
pub fn format_list(hash: &str, ids: &[String]) -> String {
    let mut out = String::from(
        "# LanguageTool rules of the embedded grammar data that fail their own examples under\n\
         # nlprule 0.6.4 (tokenization, disambiguation or unsupported features differ from\n\
         # LanguageTool's): mtlint turns them off by default (src/grammar/selection.rs).\n\
         # Generated, do not edit: tests/lt_examples.rs runs every rule's examples and fails when\n\
         # this list is stale; regenerate with `MTLINT_BLESS=1 cargo test --test lt_examples`.\n",
    );
    out.push_str(&format!("# rules: {hash}\n# {} rules\n", ids.len()));
    for id in ids {
        out.push_str(id);
        out.push('\n');
    }
    out
}

/// The ids (nlprule's `CATEGORY/GROUP/N`) of the rules that fail their own examples.
pub fn failing_rules<'r>(
    rules: impl Iterator<Item = &'r nlprule::rule::Rule>,
    tokenizer: &nlprule::Tokenizer,
) -> Vec<String> {
    use rayon::prelude::*;
    let rules: Vec<&nlprule::rule::Rule> = rules.collect();
    let mut ids: Vec<String> = rules
        .par_iter()
        .filter(|r| !r.test(tokenizer))
        .map(|r| r.id().to_string())
        .collect();
    ids.sort();
    ids
}

/// Why a rule is on or off by default, for `mtlint explain`.
pub fn reason(id: &str, lt_enabled: bool, failing: &Failing) -> &'static str {
    if failing.contains(id) {
        "off by default: it fails its own LanguageTool examples under nlprule"
    } else if default_off(id) {
        "off by default: mtlint's selection (src/grammar/lt_defaults.toml)"
    } else if default_on(id) {
        "on by default: mtlint's selection, although LanguageTool ships it off"
    } else if lt_enabled {
        "on by default (LanguageTool's default)"
    } else {
        "off by default (LanguageTool's default)"
    }
}

/// Is the rule on by default?
pub fn default_enabled(id: &str, lt_enabled: bool, failing: &Failing) -> bool {
    !failing.contains(id) && !default_off(id) && (lt_enabled || default_on(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_match_ids_groups_and_categories() {
        for s in &selectors().off {
            assert!(default_off(s), "{s}");
            assert!(
                default_off(&format!("{s}/0")) || s.matches('/').count() == 2,
                "{s}"
            );
        }
        assert!(!default_off("GRAMMAR/WAS_BEEN/1"));
        assert!(!default_off("TYPOS/MODAL_OF/0"));
        assert!(default_on("TYPOGRAPHY/EN_QUOTES/2") && !default_on("TYPOGRAPHY/EN_QUOTES/0"));
    }

    #[test]
    fn the_failing_list_applies_to_its_own_rules_file_only() {
        let list = format_list(&blake3::hash(b"rules").to_hex(), &["A/B/0".to_string()]);
        let parsed = parse(&list);
        assert_eq!(parsed.ids.len(), 1);
        assert_eq!(
            parsed.hash.as_deref(),
            Some(blake3::hash(b"rules").to_hex().as_str())
        );
        let none = Failing {
            ids: HashSet::new(),
        };
        assert!(default_enabled("A/B/0", true, &none));
        let failing = Failing {
            ids: parsed.ids.clone(),
        };
        assert!(!default_enabled("A/B/0", true, &failing));
        assert!(!default_enabled("A/C/0", false, &none));
    }
}
