//! `bilingual/inconsistent-translation` across the files of one run: the same source translated
//! differently in two XLIFF or PO files (`mtlint check locale/`). Within one file the check runs
//! with the other bilingual checks; this pass runs once all files are checked (command line
//! only: the language server sees one buffer at a time), and reports on the later file with the
//! file and line of the first translation in the message.

use super::{q, INCONSISTENT};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::bilingual::{norm, trimmed};
use crate::lint::FileReport;
use std::collections::HashMap;

/// Where a source was first translated.
struct First {
    file: usize,
    line: usize,
    target: String,
}

/// Adds a finding to every report whose file translates a source differently from an earlier
/// file (reports in path order). Units with a PO message context, fuzzy units and units without
/// a translation are left out, as in the per-file check. `severity`: the rule's severity as
/// configured, None when the rule is off.
pub fn across_files(reports: &mut [FileReport], severity: Option<Severity>) {
    let Some(severity) = severity else {
        return;
    };
    let mut first: HashMap<(String, Option<usize>), First> = HashMap::new();
    for fi in 0..reports.len() {
        let r = &reports[fi];
        let Some(Ok(bitext)) = r.source.kind.parse_bitext(&r.source.text) else {
            continue;
        };
        let mut found = Vec::new();
        for u in bitext.units.iter().filter(|u| u.translate && !u.fuzzy) {
            if u.id.contains('\u{4}') {
                continue;
            }
            let Some(t) = &u.target else { continue };
            let (source, target) = (norm(&u.source.text), norm(&t.text));
            if source.is_empty() || target.is_empty() {
                continue;
            }
            match first.get(&(source.clone(), u.plural)) {
                None => {
                    first.insert(
                        (source, u.plural),
                        First {
                            file: fi,
                            line: u.line,
                            target,
                        },
                    );
                }
                Some(f) if f.file != fi && f.target != target => {
                    // The target's bytes without the whitespace around it.
                    let span = trimmed(&r.source.text, t.orig.clone());
                    found.push(Diagnostic::new(
                        INCONSISTENT,
                        Category::Accuracy,
                        severity,
                        span,
                        format!(
                            "{} is translated as {} here and as {} in {}:{}",
                            q(&source),
                            q(&target),
                            q(&f.target),
                            crate::render::display_path(&reports[f.file].source.path),
                            f.line
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        let r = &mut reports[fi];
        r.diagnostics.extend(found);
        r.diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
}
