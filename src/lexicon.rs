//! What checks may ask of a word lexicon: known words, readings, and inflection.
//! Implemented by the grammar engine on nlprule's tagger dictionary; absent without its data.

/// A word lexicon (the tagger's dictionary).
pub trait Lexicon: Send + Sync {
    /// Is `word` (exact case, then lower case) in the dictionary?
    fn is_known(&self, word: &str) -> bool;
    /// (lemma, Penn Treebank tag) readings of `word` as found in the dictionary (before disambiguation).
    fn readings(&self, word: &str) -> Vec<(String, String)>;
    /// Forms of `lemma` carrying `tag` (e.g. ("help", "VBZ") → ["helps"]).
    fn forms(&self, lemma: &str, tag: &str) -> Vec<String>;
    /// Inflects `word` to `tag` via its lemmas: ("reduced", "VB") → ["reduce"], ("embrace", "VBG") → ["embracing"].
    fn inflect(&self, word: &str, tag: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (lemma, _) in self.readings(word) {
            for f in self.forms(&lemma, tag) {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }
}
