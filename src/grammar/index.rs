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
//! trigger; the rules without one in groups of 64), one nlprule call a group, and resolves
//! overlaps between the groups' suggestions as `Rules::apply` does across all rules (by
//! position, the later rule first, no two suggestions on one character). Where that would
//! uncover a suggestion a group hid behind one of its own, the group runs again rule by rule.
//! So the result is the same as running all rules (`tests/lt_index.rs` checks that on real
//! text), and each rule is in memory once.
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

/// Rules run together as one nlprule rule set (the rules with the same trigger, or a batch of
/// rules without one).
struct Group {
    rules: nlprule::Rules,
    /// The position (priority) of each of its rules, ascending.
    members: Vec<u32>,
}

impl Group {
    /// Each member's own suggestions (the rules run one by one, on copies: a rare path).
    fn one_by_one(&self, sentence: &Sentence) -> Vec<(u32, Suggestion)> {
        let mut out = Vec::new();
        for (rule, &pos) in self.rules.rules().iter().zip(&self.members) {
            let single: nlprule::Rules = std::iter::once(rule.clone()).collect();
            out.extend(single.apply(sentence).into_iter().map(|s| (pos, s)));
        }
        out
    }
}

/// A rule and its position (priority) among the indexed rules.
type Ranked = (u32, nlprule::rule::Rule);

/// How many trigger-less rules run as one group.
const ALWAYS_GROUP: usize = 64;

/// The enabled rules, grouped by the words that call them.
pub struct RuleIndex {
    /// The rules without a trigger, in batches, then the rules with a trigger, grouped by it.
    groups: Vec<Group>,
    /// How many of `groups` (at the start) run on every sentence.
    always: usize,
    /// Case-folded word → the groups it calls.
    by_word: HashMap<String, Vec<u32>>,
    /// Rule id → position (priority) among the indexed rules, nlprule's order.
    position: HashMap<String, u32>,
}

impl RuleIndex {
    /// Indexes the enabled rules of `rules` (a rule absent from `triggers` runs always); the
    /// disabled ones are dropped.
    pub fn new(rules: Vec<nlprule::rule::Rule>, triggers: &Triggers) -> Self {
        let mut position = HashMap::new();
        let mut always: Vec<Ranked> = Vec::new();
        let mut by_words: HashMap<Vec<String>, Vec<Ranked>> = HashMap::new();
        for r in rules.into_iter().filter(|r| r.enabled()) {
            let id = r.id().to_string();
            let pos = position.len() as u32;
            match triggers.get(&id).cloned().flatten() {
                Some(words) => by_words.entry(words).or_default().push((pos, r)),
                None => always.push((pos, r)),
            }
            position.insert(id, pos);
        }
        let group = |rules: Vec<Ranked>| {
            let members = rules.iter().map(|(p, _)| *p).collect();
            Group {
                rules: rules.into_iter().map(|(_, r)| r).collect(),
                members,
            }
        };
        let mut groups: Vec<Group> = Vec::new();
        let mut rest = always;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(ALWAYS_GROUP));
            groups.push(group(rest));
            rest = tail;
        }
        let always = groups.len();
        let mut keyed: Vec<(Vec<String>, Vec<Ranked>)> = by_words.into_iter().collect();
        keyed.sort_by_key(|(_, rules)| rules[0].0); // deterministic group order
        let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
        for (words, rules) in keyed {
            let g = groups.len() as u32;
            for w in words {
                by_word.entry(w).or_default().push(g);
            }
            groups.push(group(rules));
        }
        RuleIndex {
            groups,
            always,
            by_word,
            position,
        }
    }

    /// The indexed (enabled) rules, in nlprule's order.
    pub fn rules(&self) -> impl Iterator<Item = &nlprule::rule::Rule> {
        let mut all: Vec<(u32, &nlprule::rule::Rule)> = self
            .groups
            .iter()
            .flat_map(|g| g.members.iter().copied().zip(g.rules.rules()))
            .collect();
        all.sort_by_key(|(p, _)| *p);
        all.into_iter().map(|(_, r)| r)
    }

    /// Does any enabled rule remain?
    pub fn any_enabled(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The enabled rules' suggestions for `sentence`: what `Rules::apply` gives over them.
    pub fn apply(&self, sentence: &Sentence) -> Vec<Suggestion> {
        let mut called: Vec<u32> = (0..self.always as u32).collect();
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
        // (group, position, suggestion): each group's own result, overlaps resolved inside it.
        let mut found: Vec<(u32, u32, Suggestion)> = Vec::new();
        for &g in &called {
            for s in self.groups[g as usize].rules.apply(sentence) {
                let pos = self.position.get(s.source()).copied().unwrap_or(u32::MAX);
                found.push((g, pos, s));
            }
        }
        // A group hides a suggestion of its own that overlaps another of its suggestions. That
        // is what all rules together would do, unless the other one is itself dropped for a
        // suggestion of another group: then the group's rules run one by one and it starts over.
        let mut expanded: Vec<u32> = Vec::new();
        loop {
            let kept = resolve_overlaps(sentence, &found);
            let mut is_kept = vec![false; found.len()];
            kept.iter().for_each(|&i| is_kept[i] = true);
            let redo = found.iter().zip(&is_kept).find_map(|((g, _, _), &k)| {
                let multi = self.groups[*g as usize].members.len() > 1;
                (!k && multi && !expanded.contains(g)).then_some(*g)
            });
            let Some(g) = redo else {
                let mut found: Vec<Option<Suggestion>> =
                    found.into_iter().map(|(_, _, s)| Some(s)).collect();
                return kept.into_iter().filter_map(|i| found[i].take()).collect();
            };
            expanded.push(g);
            found.retain(|(x, _, _)| *x != g);
            let own = self.groups[g as usize].one_by_one(sentence);
            found.extend(own.into_iter().map(|(p, s)| (g, p, s)));
        }
    }
}

/// Which suggestions stay when no two may share a character: by start position, and at one
/// position the later rule first (as nlprule's `Rules::apply` does over all rules). Returns
/// their indices, in that order.
fn resolve_overlaps(sentence: &Sentence, found: &[(u32, u32, Suggestion)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, sa) = (found[a].1, &found[a].2);
        let (pb, sb) = (found[b].1, &found[b].2);
        sa.span()
            .char()
            .start
            .cmp(&sb.span().char().start)
            .then_with(|| pb.cmp(&pa))
    });
    let offset = sentence.span().char().start;
    let mut taken = vec![false; sentence.text().chars().count()];
    let n = taken.len();
    let mut kept = Vec::new();
    for i in order {
        let r = found[i].2.span().char();
        let (a, b) = (r.start.saturating_sub(offset), r.end.saturating_sub(offset));
        let Some(chars) = taken.get_mut(a..b.min(n)) else {
            continue;
        };
        if chars.iter().any(|&x| x) {
            continue;
        }
        chars.iter_mut().for_each(|x| *x = true);
        kept.push(i);
    }
    kept
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
