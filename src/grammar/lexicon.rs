//! [`Lexicon`] over nlprule's tagger dictionary.
//!
//! Forward lookups (is this a word, what are its readings) use nlprule's public `Tagger` API.
//! nlprule has no public inverse (lemma + tag → forms), so the inflection index is built from the
//! tagger's own tables: in the tokenizer binary the tagger is stored as two FSTs (`word + index byte →
//! lemma id, tag id` and `word → id`) followed by the tag table. [`TaggerTables::find`] locates them
//! in the decompressed bytes, checks them against the public API, and the index is built lazily on the
//! first `forms` call. If the tables cannot be found, `forms` falls back to regular English endings
//! checked against the dictionary (irregular forms are then missed).

use crate::lexicon::Lexicon;
use nlprule::tokenizer::tag::Tagger;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Pseudo-tags nlprule adds to every token; they are not dictionary readings.
pub(crate) fn is_pseudo_tag(tag: &str) -> bool {
    matches!(tag, "" | "SENT_START" | "SENT_END" | "UNKNOWN")
}

/// The tagger's raw tables, copied out of the tokenizer binary.
pub struct TaggerTables {
    /// word bytes + reading index byte → (lemma id << 32) | tag id
    readings: fst::Map<Vec<u8>>,
    /// word → word id (lemmas are words too)
    words: fst::Map<Vec<u8>>,
    /// tag id → tag
    tags: Vec<String>,
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8)
        .map(|s| u64::from_le_bytes(s.try_into().unwrap()))
}

/// A bincode `Vec<u8>` (u64 length + bytes) holding an FST at `at`, if there is one.
fn fst_at(bytes: &[u8], at: usize) -> Option<(fst::Map<Vec<u8>>, usize)> {
    let len = usize::try_from(u64_at(bytes, at)?).ok()?;
    let data = bytes.get(at + 8..(at + 8).checked_add(len)?)?;
    if u64_at(data, 0)? != fst::raw::VERSION || u64_at(data, 8)? != 0 {
        return None;
    }
    let map = fst::Map::new(data.to_vec()).ok()?;
    map.as_fst().verify().ok()?;
    Some((map, at + 8 + len))
}

/// bincode `BiMap<String, u16>` at `at` → tags indexed by id.
fn tag_table_at(bytes: &[u8], mut at: usize) -> Option<Vec<String>> {
    let n = usize::try_from(u64_at(bytes, at)?).ok()?;
    if n == 0 || n > 4096 {
        return None;
    }
    at += 8;
    let mut tags = vec![String::new(); n];
    for _ in 0..n {
        let len = usize::try_from(u64_at(bytes, at)?).ok()?;
        let s = std::str::from_utf8(bytes.get(at + 8..(at + 8).checked_add(len)?)?).ok()?;
        at += 8 + len;
        let id = u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?) as usize;
        at += 2;
        *tags.get_mut(id)? = s.to_string();
    }
    Some(tags)
}

fn split_value(v: u64) -> (u64, usize) {
    (v >> 32, (v & 0xffff) as usize)
}

impl TaggerTables {
    /// Finds the tagger tables in the decompressed tokenizer binary and checks them against `tagger`.
    pub fn find(bytes: &[u8], tagger: &Tagger) -> Option<TaggerTables> {
        let mut header = [0u8; 16];
        header[0] = fst::raw::VERSION as u8;
        // The tagger is near the end of the file (only the tokenizer's options follow it).
        let mut pos = bytes.len().saturating_sub(16);
        while pos >= 8 {
            if bytes[pos] == header[0] && bytes[pos..pos + 16] == header {
                if let Some(t) = Self::at(bytes, pos - 8) {
                    if t.agrees_with(tagger) {
                        return Some(t);
                    }
                }
            }
            pos -= 1;
        }
        None
    }

    fn at(bytes: &[u8], at: usize) -> Option<TaggerTables> {
        let (readings, next) = fst_at(bytes, at)?;
        let (words, next) = fst_at(bytes, next)?;
        let tags = tag_table_at(bytes, next)?;
        Some(TaggerTables {
            readings,
            words,
            tags,
        })
    }

    fn lemma_id(&self, lemma: &str) -> Option<u64> {
        self.words.get(lemma)
    }

    /// The tables give the same readings as the public API for a sample of words.
    fn agrees_with(&self, tagger: &Tagger) -> bool {
        use fst::Streamer;
        let mut checked = 0;
        let mut stream = self.readings.stream();
        let mut n = 0usize;
        while let Some((key, value)) = stream.next() {
            n += 1;
            if n % 997 != 0 {
                continue;
            }
            let Ok(word) = std::str::from_utf8(&key[..key.len() - 1]) else {
                return false;
            };
            let (lemma, tag) = split_value(value);
            let Some(tag) = self.tags.get(tag) else {
                return false;
            };
            let found = tagger
                .get_tags_with_options(word, Some(false), Some(false))
                .any(|d| {
                    d.pos().as_str() == tag && self.lemma_id(d.lemma().as_str()) == Some(lemma)
                });
            if !found {
                return false;
            }
            checked += 1;
            if checked == 50 {
                break;
            }
        }
        checked > 0
    }
}

/// (lemma id, tag id) → forms, built from [`TaggerTables`].
struct FormIndex {
    /// (lemma id, tag id, start, end) into `text`, sorted.
    entries: Vec<(u32, u16, u32, u32)>,
    text: String,
}

impl FormIndex {
    fn build(t: &TaggerTables) -> FormIndex {
        use fst::Streamer;
        let mut entries = Vec::with_capacity(t.readings.len());
        let mut text = String::new();
        let mut stream = t.readings.stream();
        let mut last: Vec<u8> = Vec::new();
        let mut span = (0u32, 0u32);
        while let Some((key, value)) = stream.next() {
            let word = &key[..key.len() - 1];
            if word != last.as_slice() {
                let Ok(w) = std::str::from_utf8(word) else {
                    continue;
                };
                last = word.to_vec();
                let start = text.len() as u32;
                text.push_str(w);
                span = (start, text.len() as u32);
            }
            let (lemma, tag) = split_value(value);
            entries.push((lemma as u32, tag as u16, span.0, span.1));
        }
        entries.sort_unstable();
        FormIndex { entries, text }
    }

    fn forms(&self, lemma: u64, tag: usize) -> Vec<String> {
        let key = (lemma as u32, tag as u16);
        let from = self.entries.partition_point(|e| (e.0, e.1) < key);
        self.entries[from..]
            .iter()
            .take_while(|e| (e.0, e.1) == key)
            .map(|e| self.text[e.2 as usize..e.3 as usize].to_string())
            .collect()
    }
}

/// The tagger dictionary as a [`Lexicon`].
pub struct NlpLexicon {
    tagger: Arc<Tagger>,
    tables: Option<TaggerTables>,
    index: OnceLock<Option<FormIndex>>,
    tag_ids: HashMap<String, usize>,
}

impl NlpLexicon {
    pub fn new(tagger: Arc<Tagger>, tables: Option<TaggerTables>) -> Self {
        let tag_ids = tables
            .as_ref()
            .map(|t| {
                t.tags
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.clone(), i))
                    .collect()
            })
            .unwrap_or_default();
        NlpLexicon {
            tagger,
            tables,
            index: OnceLock::new(),
            tag_ids,
        }
    }

    /// Whether inflection uses the full dictionary (else regular endings only).
    pub fn has_inflection_index(&self) -> bool {
        self.tables.is_some()
    }

    fn has_reading(&self, word: &str, lemma: &str, tag: &str) -> bool {
        self.tagger
            .get_tags_with_options(word, Some(false), Some(false))
            .any(|d| d.pos().as_str() == tag && d.lemma().as_str() == lemma)
    }

    /// Regular English forms of `lemma`, kept when the dictionary has them with `tag`.
    fn regular_forms(&self, lemma: &str, tag: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in regular_candidates(lemma) {
            if !out.contains(&c) && self.has_reading(&c, lemma, tag) {
                out.push(c);
            }
        }
        out
    }
}

/// Candidate inflections of an English lemma by regular spelling rules.
fn regular_candidates(lemma: &str) -> Vec<String> {
    let l = lemma;
    let mut c = vec![
        l.to_string(),
        format!("{l}s"),
        format!("{l}es"),
        format!("{l}d"),
        format!("{l}ed"),
    ];
    c.push(format!("{l}ing"));
    c.push(format!("{l}er"));
    c.push(format!("{l}est"));
    c.push(format!("{l}r"));
    c.push(format!("{l}st"));
    if let Some(stem) = l.strip_suffix('e') {
        c.push(format!("{stem}ing"));
    }
    if let Some(stem) = l.strip_suffix("ie") {
        c.push(format!("{stem}ying"));
    }
    if let Some(stem) = l.strip_suffix('y') {
        c.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{stem}ier"),
            format!("{stem}iest"),
        ]);
    }
    if let Some(last) = l.chars().last() {
        if last.is_alphabetic() && !"aeiouwxy".contains(last) {
            c.extend([
                format!("{l}{last}ed"),
                format!("{l}{last}ing"),
                format!("{l}{last}er"),
                format!("{l}{last}est"),
            ]);
        }
    }
    c
}

impl Lexicon for NlpLexicon {
    fn is_known(&self, word: &str) -> bool {
        let known = |w: &str| {
            self.tagger
                .get_tags_with_options(w, Some(false), Some(false))
                .len()
                > 0
        };
        known(word) || {
            let lower = word.to_lowercase();
            lower != word && known(&lower)
        }
    }

    fn readings(&self, word: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for d in self
            .tagger
            .get_tags_with_options(word, Some(true), Some(false))
        {
            let r = (d.lemma().as_str().to_string(), d.pos().as_str().to_string());
            if !is_pseudo_tag(&r.1) && !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }

    fn forms(&self, lemma: &str, tag: &str) -> Vec<String> {
        let Some(tables) = &self.tables else {
            return self.regular_forms(lemma, tag);
        };
        let (Some(lemma_id), Some(&tag_id)) = (tables.lemma_id(lemma), self.tag_ids.get(tag))
        else {
            return Vec::new();
        };
        let index = self.index.get_or_init(|| Some(FormIndex::build(tables)));
        let mut out = index
            .as_ref()
            .map(|i| i.forms(lemma_id, tag_id))
            .unwrap_or_default();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_candidates_cover_common_patterns() {
        let has = |l: &str, f: &str| regular_candidates(l).iter().any(|c| c == f);
        assert!(has("embrace", "embracing"));
        assert!(has("stop", "stopped"));
        assert!(has("carry", "carried"));
        assert!(has("help", "helps"));
        assert!(has("die", "dying"));
    }

    #[test]
    fn tag_table_reads_bincode_map() {
        let mut b = Vec::new();
        b.extend(2u64.to_le_bytes());
        for (s, id) in [("NN", 1u16), ("VB", 0u16)] {
            b.extend((s.len() as u64).to_le_bytes());
            b.extend(s.as_bytes());
            b.extend(id.to_le_bytes());
        }
        assert_eq!(tag_table_at(&b, 0).unwrap(), ["VB", "NN"]);
        assert!(tag_table_at(&b[..b.len() - 1], 0).is_none());
    }
}
