//! Running only the LanguageTool rules that can match a sentence.
//!
//! nlprule's `Rules::apply` tries every enabled rule at every token of every sentence. Most
//! LanguageTool rules cannot match unless a given word is in the sentence: a rule for "could of"
//! needs "of". A rule's *trigger* is the set of words of which at least one must be a token of
//! the sentence: the words a pattern element that must match at least once (its quantifier's
//! minimum is 1 or more) can match, case-folded: a literal word, or the words of a whole-token
//! regular expression whose language is finite and small (`^(?:[sS]ave|keep)s?$`); an element
//! that is an `and` of conditions gives the smallest such set among them, an `or` the union of
//! its alternatives' sets (when every alternative has one). Negated and context-dependent
//! conditions give none; a rule without a trigger runs on every sentence.
//!
//! [`RuleIndex::apply`] runs the rules that can match in groups (the rules with the same
//! trigger; the rules without one in groups of 64): a group that finds nothing is done in one
//! call; a group that finds something runs again rule by rule, and overlaps are then resolved
//! across all rules exactly as `Rules::apply` does (by position, the later rule first, no two
//! suggestions on one character). So the result is the same as running all rules
//! (`tests/lt_index.rs` checks that on real text).
//!
//! Triggers are read from nlprule's serialized rule (nlprule keeps the pattern private). For the
//! embedded data they are computed once and stored (`data/nlprule/rule-triggers.txt`, generated
//! and checked by `tests/lt_index.rs`); for other data they are computed when the rules load.

use nlprule::types::{Sentence, Suggestion};
use serde_json::Value;
use std::collections::HashMap;

/// The embedded data's trigger table (empty without it).
#[cfg(feature = "embedded-grammar")]
const TRIGGERS_TXT: &str = include_str!("../../data/nlprule/rule-triggers.txt");
#[cfg(not(feature = "embedded-grammar"))]
const TRIGGERS_TXT: &str = "";

/// The trigger of each rule: `None` = none (the rule runs on every sentence).
pub type Triggers = HashMap<String, Option<Vec<String>>>;

/// Words of an atom one of which must be the token's text (case-folded); None if unknown.
fn atom_words(atom: &Value) -> Option<Vec<String>> {
    let (kind, v) = atom.as_object()?.iter().next()?;
    match kind.as_str() {
        "TextAtom" => {
            let m = v.get("matcher")?.get("matcher")?;
            if m.get("negate")?.as_bool()? {
                return None;
            }
            let matcher = m.get("matcher")?;
            if let Some(regex) = matcher.get("Right") {
                return regex_words(regex.as_str()?);
            }
            let word = matcher.get("Left")?.get("Left")?.as_str()?;
            // Case folding beyond ASCII (ß, final sigma) is not what `to_lowercase` does: no trigger.
            (!word.is_empty() && word.is_ascii()).then(|| vec![word.to_ascii_lowercase()])
        }
        "AndAtom" => v
            .get("atoms")?
            .as_array()?
            .iter()
            .filter_map(atom_words)
            .min_by_key(Vec::len),
        "OrAtom" => {
            let mut all = Vec::new();
            for a in v.get("atoms")?.as_array()? {
                all.extend(atom_words(a)?);
            }
            Some(all)
        }
        _ => None,
    }
}

/// Most words a regular expression may stand for (more: no trigger).
const MAX_REGEX_WORDS: usize = 256;

/// The words a whole-token regular expression (`^(?:…)$`) matches, ASCII-lowercased, when they
/// are finitely many and few; None otherwise (or when the syntax is not the `regex` crate's).
fn regex_words(pattern: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::{HirKind, Look};
    let hir = regex_syntax::parse(pattern).ok()?;
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let [first, middle @ .., last] = &parts[..] else {
        return None;
    };
    if !matches!(first.kind(), HirKind::Look(Look::Start))
        || !matches!(last.kind(), HirKind::Look(Look::End))
    {
        return None;
    }
    let mut words = vec![String::new()];
    for h in middle {
        words = cross(words, language(h)?)?;
    }
    words.retain(|w| !w.is_empty());
    words.sort();
    words.dedup();
    (!words.is_empty()).then_some(words)
}

/// The finite language of `h` (ASCII-lowercased), or None.
fn language(h: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::{Class, HirKind};
    match h.kind() {
        HirKind::Empty => Some(vec![String::new()]),
        HirKind::Literal(l) => {
            let s = std::str::from_utf8(&l.0).ok()?;
            Some(vec![s.to_ascii_lowercase()])
        }
        HirKind::Class(Class::Unicode(c)) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    out.push(ch.to_ascii_lowercase().to_string());
                    if out.len() > MAX_REGEX_WORDS {
                        return None;
                    }
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Capture(c) => language(&c.sub),
        HirKind::Concat(parts) => {
            let mut words = vec![String::new()];
            for p in parts {
                words = cross(words, language(p)?)?;
            }
            Some(words)
        }
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(language(a)?);
                if out.len() > MAX_REGEX_WORDS {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Repetition(r) => {
            let max = r.max?;
            if max > 3 {
                return None;
            }
            let sub = language(&r.sub)?;
            let mut out = Vec::new();
            let mut level = vec![String::new()];
            for n in 0..=max {
                if n >= r.min {
                    out.extend(level.iter().cloned());
                }
                if n < max {
                    level = cross(level, sub.clone())?;
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// Every word of `a` followed by every word of `b`, or None when there would be too many.
fn cross(a: Vec<String>, b: Vec<String>) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_REGEX_WORDS {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in &a {
        for y in &b {
            out.push(format!("{x}{y}"));
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// A rule's trigger words (sorted, without duplicates), or None.
pub fn trigger(rule: &nlprule::rule::Rule) -> Option<Vec<String>> {
    let v = serde_json::to_value(rule).ok()?;
    let parts = v
        .get("engine")?
        .get("Token")?
        .get("composition")?
        .get("parts")?
        .as_array()?;
    let mut best: Option<Vec<String>> = None;
    for p in parts {
        if p.get("quantifier")?.get("min")?.as_u64()? == 0 {
            continue;
        }
        if let Some(mut w) = atom_words(p.get("atom")?) {
            w.sort();
            w.dedup();
            // The fewest words; between equals, the rarer (longer) words.
            let key =
                |w: &Vec<String>| (w.len(), std::cmp::Reverse(w.iter().map(String::len).min()));
            if best.as_ref().map_or(true, |b| key(&w) < key(b)) {
                best = Some(w);
            }
        }
    }
    best
}

/// The triggers of every rule, computed from the rules themselves (slow: about 0.15 ms a rule).
pub fn compute<'r>(rules: impl Iterator<Item = &'r nlprule::rule::Rule>) -> Triggers {
    use rayon::prelude::*;
    let rules: Vec<&nlprule::rule::Rule> = rules.collect();
    rules
        .par_iter()
        .map(|r| (r.id().to_string(), trigger(r)))
        .collect()
}

/// A trigger table as text: `# rules: HASH`, then `ID<TAB>word word…` (no words: no trigger).
pub fn format_table<'r>(
    hash: &str,
    rules: impl Iterator<Item = &'r nlprule::rule::Rule>,
    triggers: &Triggers,
) -> String {
    let mut out = String::from(
        "# The trigger words of each LanguageTool rule of the embedded grammar data: a rule can\n\
         # only match a sentence holding one of them (src/grammar/index.rs); no words: the rule\n\
         # runs on every sentence. Generated, do not edit: tests/lt_index.rs fails when this is\n\
         # stale; regenerate with `MTLINT_BLESS=1 cargo test --test lt_index`.\n",
    );
    out.push_str(&format!("# rules: {hash}\n"));
    for r in rules {
        let id = r.id().to_string();
        let words = triggers.get(&id).cloned().flatten().unwrap_or_default();
        out.push_str(&id);
        out.push('\t');
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

/// The stored table, if it was made for the rules file with BLAKE3 hash `hash`.
pub fn stored(hash: &str) -> Option<Triggers> {
    let mut lines = TRIGGERS_TXT.lines().filter(|l| !l.is_empty());
    let header = lines.by_ref().find(|l| l.starts_with("# rules:"))?;
    if header.trim_start_matches("# rules:").trim() != hash {
        return None;
    }
    let mut t = Triggers::new();
    for line in lines.filter(|l| !l.starts_with('#')) {
        let (id, words) = line.split_once('\t')?;
        let words: Vec<String> = words.split_whitespace().map(str::to_string).collect();
        t.insert(id.to_string(), (!words.is_empty()).then_some(words));
    }
    Some(t)
}

/// Rules run together as one nlprule rule set: when none of them matches (the common case) one
/// call says so; when one does, they run again one by one, so that overlaps between suggestions
/// are resolved across all rules, not within the group.
struct Group {
    rules: nlprule::Rules,
    /// Positions in [`RuleIndex::rules`] of its rules.
    members: Vec<u32>,
}

/// How many trigger-less rules run as one group (a match reruns the group rule by rule).
const ALWAYS_GROUP: usize = 64;

/// Every rule on its own, and the enabled ones grouped by the words that call them.
pub struct RuleIndex {
    /// One rule set per rule, in nlprule's order (its priority order).
    rules: Vec<nlprule::Rules>,
    /// The enabled rules without a trigger, in groups.
    always: Vec<Group>,
    /// The enabled rules with a trigger, grouped by their trigger words.
    triggered: Vec<Group>,
    /// Case-folded word → the groups in `triggered` it calls.
    by_word: HashMap<String, Vec<u32>>,
}

impl RuleIndex {
    /// Indexes `rules` (an enabled rule absent from `triggers` runs always).
    pub fn new(rules: Vec<nlprule::rule::Rule>, triggers: &Triggers) -> Self {
        let mut singles = Vec::with_capacity(rules.len());
        let mut always: Vec<u32> = Vec::new();
        let mut by_words: HashMap<Vec<String>, Vec<u32>> = HashMap::new();
        for r in rules {
            let i = singles.len() as u32;
            if r.enabled() {
                match triggers.get(&r.id().to_string()).cloned().flatten() {
                    Some(words) => by_words.entry(words).or_default().push(i),
                    None => always.push(i),
                }
            }
            singles.push(std::iter::once(r).collect::<nlprule::Rules>());
        }
        let group = |members: Vec<u32>| Group {
            rules: members
                .iter()
                .flat_map(|&i| singles[i as usize].rules().iter().cloned())
                .collect(),
            members,
        };
        let always = always
            .chunks(ALWAYS_GROUP)
            .map(|c| group(c.to_vec()))
            .collect();
        let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
        let mut keyed: Vec<(Vec<String>, Vec<u32>)> = by_words.into_iter().collect();
        keyed.sort(); // deterministic group order
        let mut triggered = Vec::with_capacity(keyed.len());
        for (words, members) in keyed {
            let g = triggered.len() as u32;
            for w in words {
                by_word.entry(w).or_default().push(g);
            }
            triggered.push(group(members));
        }
        RuleIndex {
            rules: singles,
            always,
            triggered,
            by_word,
        }
    }

    /// Every rule, in nlprule's order.
    pub fn rules(&self) -> impl Iterator<Item = &nlprule::rule::Rule> {
        self.rules.iter().flat_map(|r| r.rules())
    }

    /// Does any enabled rule remain?
    pub fn any_enabled(&self) -> bool {
        !self.always.is_empty() || !self.triggered.is_empty()
    }

    /// The enabled rules' suggestions for `sentence`: what `Rules::apply` gives.
    pub fn apply(&self, sentence: &Sentence) -> Vec<Suggestion> {
        if !self.any_enabled() {
            return Vec::new();
        }
        let mut called: Vec<u32> = Vec::new();
        let mut lower = String::new();
        for t in sentence.tokens() {
            let text = t.word().text().as_str();
            let key = if text.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.extend(text.chars().map(|c| c.to_ascii_lowercase()));
                lower.as_str()
            } else {
                text
            };
            if let Some(groups) = self.by_word.get(key) {
                called.extend_from_slice(groups);
            }
        }
        called.sort_unstable();
        called.dedup();
        let groups = self
            .always
            .iter()
            .chain(called.iter().map(|&g| &self.triggered[g as usize]));
        let mut found: Vec<(u32, Suggestion)> = Vec::new();
        for g in groups {
            let hits = g.rules.apply(sentence);
            if hits.is_empty() {
                continue;
            }
            if let [only] = g.members[..] {
                found.extend(hits.into_iter().map(|s| (only, s)));
                continue;
            }
            for &i in &g.members {
                for s in self.rules[i as usize].apply(sentence) {
                    found.push((i, s));
                }
            }
        }
        resolve_overlaps(sentence, found)
    }
}

/// Keeps no two suggestions on one character: by start position, and at one position the later
/// rule first (as nlprule's `Rules::apply` does over all rules).
fn resolve_overlaps(sentence: &Sentence, mut found: Vec<(u32, Suggestion)>) -> Vec<Suggestion> {
    if found.len() < 2 {
        return found.into_iter().map(|(_, s)| s).collect();
    }
    found.sort_by(|(ia, a), (ib, b)| {
        a.span()
            .char()
            .start
            .cmp(&b.span().char().start)
            .then_with(|| ib.cmp(ia))
    });
    let offset = sentence.span().char().start;
    let mut taken = vec![false; sentence.text().chars().count()];
    let n = taken.len();
    found
        .into_iter()
        .filter_map(|(_, s)| {
            let r = s.span().char();
            let (a, b) = (r.start.saturating_sub(offset), r.end.saturating_sub(offset));
            let chars = taken.get_mut(a..b.min(n))?;
            if chars.iter().any(|&x| x) {
                return None;
            }
            chars.iter_mut().for_each(|x| *x = true);
            Some(s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finite_regex_languages_become_words() {
        assert_eq!(
            regex_words("^(?:[tT][oO]|[wW]ill|[cC][oO]uld)$").unwrap(),
            ["could", "to", "will"]
        );
        assert_eq!(
            regex_words("^(?:[sS][kK][aA][tT][eE][sSdD]?)$").unwrap(),
            ["skate", "skated", "skates"]
        );
        assert_eq!(
            regex_words("^(?:(sun)?bath)$").unwrap(),
            ["bath", "sunbath"]
        );
        // Infinite, huge, unanchored or not the regex crate's syntax: no words.
        assert_eq!(regex_words("^(?:[a-z]+ing)$"), None);
        assert_eq!(regex_words("^(?:.{3})$"), None);
        assert_eq!(regex_words("(?:the|a)"), None);
        assert_eq!(regex_words("^(?:the(?!y))$"), None);
    }
}
