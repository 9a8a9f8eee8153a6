//! The bilingual rules' examples, run as XLIFF files: each example `SOURCE ⟶ TARGET` (several
//! units separated by ` / `) becomes one XLIFF 2.0 file, and the rule must flag exactly the
//! bracketed part of the last target; no counter-example may be flagged by the rule. A source
//! starting with `(de) ` (a language code) declares the source language; `(draft) ` makes the unit's state `initial`; `(ten units) ` puts ten ordinary
//! units before the example; a bracketed part of the source is the span for findings on it; `(buffer) ` gives the raw file (for `bilingual/malformed-file`).

use super::*;
use crate::checks::Context;
use crate::config::Config;
use crate::source::SourceKind;

fn esc(s: &str) -> String {
    crate::source::bitext::escape(crate::source::bitext::Format::Xliff, s)
}

/// The XLIFF file of an example and the span of its bracketed part (None for counter-examples).
fn xliff(example: &str) -> (String, Option<Range<usize>>) {
    if let Some(raw) = example.strip_prefix("(buffer) ") {
        let open = raw.find('[');
        let text = raw.replacen('[', "", 1).replacen(']', "", 1);
        return (text, open.map(|o| o..o));
    }
    // "(de) …": the source language, else none (the checks guess it from the script).
    let (lang, example) = match example.split_once(") ") {
        Some((l, rest)) if l.len() == 3 && l.starts_with('(') => {
            (format!(" srcLang=\"{}\"", &l[1..]), rest)
        }
        _ => (String::new(), example),
    };
    let mut doc = format!(
        "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\"{lang} trgLang=\"en\"><file id=\"f\">\n",
    );
    let (filler, example) = match example.strip_prefix("(ten units) ") {
        Some(rest) => (true, rest),
        None => (false, example),
    };
    let mut n = 0;
    if filler {
        for i in 0..10 {
            n += 1;
            doc.push_str(&format!(
                "<unit id=\"u{n}\"><segment><source>会议讨论了第{i}项预算。</source><target>The meeting discussed budget item {i}.</target></segment></unit>\n"
            ));
        }
    }
    let mut span = None;
    for pair in example.split(" / ") {
        n += 1;
        let (source, target) = pair.split_once(ARROW).expect("example has ⟶");
        let (state, source) = match source.strip_prefix("(draft) ") {
            Some(s) => (" state=\"initial\"", s),
            None => ("", source),
        };
        doc.push_str(&format!("<unit id=\"u{n}\"><segment{state}><source>"));
        match (source.find('['), source.rfind(']')) {
            (Some(o), Some(c)) => {
                doc.push_str(&esc(&source[..o]));
                let start = doc.len();
                doc.push_str(&esc(&source[o + 1..c]));
                span = Some(start..doc.len());
                doc.push_str(&esc(&source[c + 1..]));
            }
            _ => doc.push_str(&esc(source)),
        }
        doc.push_str("</source><target>");
        match (target.find('['), target.rfind(']')) {
            (Some(o), Some(c)) => {
                doc.push_str(&esc(&target[..o]));
                let start = doc.len();
                doc.push_str(&esc(&target[o + 1..c]));
                span = Some(start..doc.len());
                doc.push_str(&esc(&target[c + 1..]));
            }
            _ => doc.push_str(&esc(target)),
        }
        doc.push_str("</target></segment></unit>\n");
    }
    doc.push_str("</file></xliff>\n");
    (doc, span)
}

fn found(rule: &str, file: &str) -> Vec<Range<usize>> {
    found_with(&BilingualCheck, rule, file)
}

fn found_with(check: &dyn Check, rule: &str, file: &str) -> Vec<Range<usize>> {
    let doc = Document::new(file, SourceKind::Xliff);
    let config = Config::default();
    let ctx = Context {
        config: &config,
        lexicon: None,
    };
    let mut out = Vec::new();
    check.check(&doc, &ctx, &mut out);
    out.into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            if doc.malformed.is_some() {
                d.span
            } else {
                doc.map.range(d.span)
            }
        })
        .collect()
}

#[test]
fn every_bilingual_rule_passes_its_examples() {
    let glossary = super::glossary::GlossaryCheck {
        glossary: super::glossary::Glossary {
            entries: super::glossary::parse_tsv(
                "Verkehrsverbund\ttransport association\ttransit authority\n",
            )
            .unwrap(),
            ..Default::default()
        },
    };
    let checks: [&dyn Check; 2] = [&BilingualCheck, &glossary];
    let mut failures = Vec::new();
    for (check, meta) in checks
        .iter()
        .flat_map(|c| c.rules().into_iter().map(move |m| (*c, m)))
    {
        let found = |rule: &str, file: &str| found_with(check, rule, file);
        assert!(
            !meta.examples.is_empty() && !meta.counter_examples.is_empty(),
            "{}",
            meta.id
        );
        for (ex, _) in &meta.examples {
            let (file, span) = xliff(ex);
            let span = span.unwrap_or_else(|| panic!("{}: example without [span]: {ex}", meta.id));
            let got = found(&meta.id, &file);
            if got != [span.clone()] {
                failures.push(format!(
                    "{}: example {ex:?}: expected {:?}, found {:?}",
                    meta.id,
                    &file[span.clone()],
                    got.iter().map(|r| &file[r.clone()]).collect::<Vec<_>>()
                ));
            }
        }
        for ce in &meta.counter_examples {
            let (file, _) = xliff(ce);
            let got = found(&meta.id, &file);
            if !got.is_empty() {
                failures.push(format!(
                    "{}: counter-example {ce:?} flagged at {:?}",
                    meta.id,
                    got.iter().map(|r| &file[r.clone()]).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file of one unit with the given languages.
fn unit(src_lang: &str, trg_lang: &str, source: &str, target: &str) -> String {
    format!(
        "<xliff version=\"2.0\" srcLang=\"{src_lang}\" trgLang=\"{trg_lang}\"><file id=\"f\"><unit id=\"1\"><segment><source>{source}</source><target>{target}</target></segment></unit></file></xliff>"
    )
}

#[test]
fn shared_scripts_and_same_languages_are_not_untranslated() {
    // zh → zh-TW, zh → ja, ru → uk: the target is in the source's script by right.
    for (s, t, src, tgt) in [
        (
            "zh-CN",
            "zh-TW",
            "网络连接失败，请稍后重试。",
            "網路連線失敗，請稍後重試。",
        ),
        ("zh", "ja", "网络连接失败", "ネットワーク接続に失敗しました"),
        ("ru", "uk", "Привет мир, как дела", "Привіт світ, як справи"),
        ("zh-CN", "zh-TW", "确定", "确定"),
    ] {
        assert!(
            found(UNTRANSLATED, &unit(s, t, src, tgt)).is_empty(),
            "{s} → {t}: {tgt}"
        );
    }
    assert_eq!(
        found(
            UNTRANSLATED,
            &unit("ru", "en", "Привет мир", "Привет world")
        )
        .len(),
        1
    );
}
