//! The inline engine end to end: justification, URL breaks and space glyphs.

use super::*;
use crate::model::Inline;
use crate::pdf::fonts::FontSet;
use crate::pdf::page::{Glyph, PageItem};
use crate::pdf::shape::Shaper;

const TEXT: &str = "Medical technicians, also known as medical laboratory technicians (MLTs), work \
    under the supervision of medical technologists or laboratory managers. Their duties \
    encompass a wide range of tasks, primarily focused on analyzing body fluids and tissue \
    samples. See https://www.bls.gov/ooh/healthcare/clinical-laboratory-technologists-and-technicians.htm for details.";

fn context() -> InlineContext<'static> {
    InlineContext {
        link_color: Rgb::BLACK,
        chapter_slugs: &[],
        chapter_slug: "c",
        footnote_ids: &[],
        image_sizes: &[],
        note_offset: 0,
    }
}

fn set(text: &str, measure: f32) -> Vec<Line> {
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    let mut b = Builder::new(&mut shaper, measure);
    let style = TextStyle::new(FontKey::Regular, 10.5, Rgb::BLACK);
    b.inlines(&[Inline::Text(text.into())], &style, &context());
    b.lines(Align::Justify)
}

fn line_text(line: &Line) -> String {
    line.items
        .iter()
        .filter_map(|i| match i {
            PageItem::Text(r) => Some(r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>()),
            _ => None,
        })
        .collect()
}

#[test]
fn justified_lines_fill_the_measure_and_never_exceed_it() {
    let measure = 200.0;
    let lines = set(TEXT, measure);
    assert!(lines.len() > 3);
    for (i, line) in lines.iter().enumerate() {
        assert!(
            line.width <= measure + 0.01,
            "line {i} is {} wide",
            line.width
        );
        // Lines with a space are justified; a line of URL fragments alone cannot stretch.
        if i + 1 < lines.len() && line_text(line).trim().contains(' ') {
            assert!(
                (line.width - measure).abs() < 0.05,
                "line {i} not justified: {}",
                line.width
            );
        }
    }
    // Every word survives, in order (hyphens added at breaks aside).
    let joined: String = lines.iter().map(line_text).collect::<Vec<_>>().join(" ");
    let cleaned: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected: String = TEXT.split_whitespace().collect::<Vec<_>>().join(" ");
    let strip = |s: &str| s.replace(['-', ' '], "");
    assert_eq!(strip(&cleaned), strip(&expected));
}

#[test]
fn a_url_longer_than_the_measure_is_broken_inside_the_measure() {
    let measure = 120.0;
    let lines = set(TEXT, measure);
    assert!(lines.iter().all(|l| l.width <= measure + 0.01));
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    let mut b = Builder::new(&mut shaper, 40.0);
    let style = TextStyle::new(FontKey::Regular, 10.5, Rgb::BLACK);
    b.inlines(
        &[Inline::Text(
            "Pneumonoultramicroscopicsilicovolcanoconiosis".into(),
        )],
        &style,
        &context(),
    );
    let lines = b.lines(Align::Justify);
    assert!(lines.len() > 2);
    assert!(
        lines.iter().all(|l| l.width <= 40.01),
        "{:?}",
        lines.iter().map(|l| l.width).collect::<Vec<_>>()
    );
}

#[test]
fn spaces_are_space_glyphs_whose_offsets_carry_the_justification() {
    let lines = set(TEXT, 200.0);
    let first = &lines[0];
    let PageItem::Text(run) = &first.items[0] else {
        panic!("text first")
    };
    let spaces: Vec<&Glyph> = run.glyphs.iter().filter(|g| g.text == " ").collect();
    assert!(!spaces.is_empty());
    assert!(
        spaces
            .iter()
            .all(|g| (g.offset - spaces[0].offset).abs() < 1e-3)
    );
}

/// The paragraph set at measures from 90 to 300 points.
fn at_many_measures(text: &str) -> Vec<Vec<String>> {
    (90..300)
        .step_by(7)
        .map(|m| set(text, m as f32).iter().map(line_text).collect())
        .collect()
}

#[test]
fn no_line_ends_in_a_hyphen_inside_a_domain_an_address_a_number_or_an_acronym() {
    let text = "Apply through Indeed.com or write to editorial.department@example-house.org; \
        NASA, UNESCO and COVID-19 grew 12,500 times since 2024 at \
        https://www.example-publishing-house.org/manuals/line-breaking.html today.";
    for lines in at_many_measures(text) {
        for line in &lines {
            assert!(!line.trim_end().ends_with('-'), "{lines:#?}");
        }
    }
}

#[test]
fn the_last_word_of_a_paragraph_is_never_hyphenated() {
    let text = "Medical technicians work under the supervision of technologists in \
        hospitals and independent laboratories";
    let mut hyphenated_elsewhere = false;
    for lines in at_many_measures(text) {
        let last = lines.last().expect("lines");
        assert!(last.trim_end().ends_with("laboratories"), "{lines:#?}");
        hyphenated_elsewhere |= lines.iter().any(|l| l.ends_with('-'));
    }
    assert!(hyphenated_elsewhere, "the other words do hyphenate");
}

#[test]
fn no_line_breaks_between_a_number_and_its_word_a_title_and_its_name_or_after_a() {
    let text = "The job outlook is projected to grow 6 percent from 2023, faster than most; \
        see page 4 of the report of May 2024 by Dr. Knuth, who plays a vital role in it.";
    let pairs = [
        ("6", "percent"),
        ("page", "4"),
        ("May", "2024"),
        ("Dr.", "Knuth"),
    ];
    let mut measures = 0;
    for lines in at_many_measures(text) {
        for pair in lines.windows(2) {
            let end = pair[0].split_whitespace().last().unwrap_or("");
            let start = pair[1].split_whitespace().next().unwrap_or("");
            assert!(
                !pairs.contains(&(end, start)) && end != "a",
                "'{end}' / '{start}' in {lines:#?}"
            );
        }
        measures += 1;
    }
    assert!(measures > 20);
}

/// Display text set by sense at measures from 120 to 330 points: each setting's lines.
fn display_at_many_measures(text: &str) -> Vec<Vec<(String, f32)>> {
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    let style = TextStyle::new(FontKey::HeadingBold, 17.0, Rgb::BLACK);
    (120..330)
        .step_by(5)
        .map(|m| {
            text_lines_broken(
                &mut shaper,
                LineText::Words(text),
                &style,
                m as f32,
                Align::Left,
                Breaking::Sense,
            )
            .iter()
            .map(|l| (line_text(l), l.width))
            .collect()
        })
        .collect()
}

#[test]
fn headings_are_balanced_and_never_end_a_line_on_an_article_or_preposition() {
    let weak = [
        "a", "an", "the", "of", "for", "to", "and", "in", "on", "with",
    ];
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    let style = TextStyle::new(FontKey::HeadingBold, 17.0, Rgb::BLACK);
    let mut turned = 0;
    for text in [
        "Skills and Qualities Essential for a Medical Technician",
        "Becoming a Medical Technician: Duties, Education, Certification and Outlook",
        "Work Environment and Job Outlook for Medical Technicians",
    ] {
        for (m, lines) in (120..330).step_by(5).zip(display_at_many_measures(text)) {
            let first_fit = text_lines(
                &mut shaper,
                LineText::Words(text),
                &style,
                m as f32,
                Align::Left,
            );
            assert!(lines.len() <= first_fit.len() + 1, "{lines:?}");
            for (line, _) in &lines[..lines.len() - 1] {
                let end = line.split_whitespace().last().unwrap_or("");
                assert!(!weak.contains(&end.to_lowercase().as_str()), "{lines:?}");
            }
            if let [.., (_, before), (_, last)] = lines.as_slice() {
                assert!(last >= &(0.5 * before), "at {m}: {lines:?}");
            }
            let ff_last = first_fit.last().map_or(0.0, |l| l.width);
            turned += usize::from(first_fit.len() > 1 && ff_last < 0.5 * first_fit[0].width);
        }
    }
    assert!(
        turned > 5,
        "first fit turns a short last line over in {turned} settings"
    );
}

/// One word set in a span of `kind` between plain words.
fn set_span(kind: crate::model::SpanKind) -> Vec<Line> {
    use crate::model::Span;
    let mut shaper = Shaper::new(FontSet::get().expect("fonts"));
    let mut b = Builder::new(&mut shaper, 300.0);
    let style = TextStyle::new(FontKey::Regular, 10.0, Rgb::BLACK);
    let span = Inline::Span(Span {
        kind,
        id: None,
        classes: Vec::new(),
        lang: None,
        title: None,
        content: vec![Inline::Text("marked".into())],
    });
    let inlines = [Inline::Text("a ".into()), span, Inline::Text(" b".into())];
    b.inlines(&inlines, &style, &context());
    b.lines(Align::Left)
}

#[test]
fn marked_text_lies_on_a_highlight_and_underlined_text_over_a_rule() {
    use crate::model::SpanKind;
    let lines = set_span(SpanKind::Mark);
    let items = &lines[0].items;
    let tint = items
        .iter()
        .position(|i| matches!(i, PageItem::FilledRect { color, .. } if *color == set::HIGHLIGHT));
    let word = items
        .iter()
        .position(|i| matches!(i, PageItem::Text(r) if r.glyphs.iter().any(|g| g.text == "m")));
    let (Some(tint), Some(word)) = (tint, word) else {
        panic!("a highlight and the word: {items:?}")
    };
    assert!(tint < word, "the highlight is drawn under the word");
    if let PageItem::FilledRect { rect, .. } = &items[tint] {
        assert!(
            rect.width > 20.0 && rect.width < 60.0,
            "as wide as the word: {rect:?}"
        );
        assert!(
            rect.y < 0.0 && rect.y + rect.height > 7.0,
            "from descender to ascender"
        );
    }
    assert!(!items.iter().any(|i| matches!(i, PageItem::Line { .. })));

    let lines = set_span(SpanKind::Underline);
    let rules: Vec<f32> = lines[0]
        .items
        .iter()
        .filter_map(|i| match i {
            PageItem::Line { from, to, .. } if from.1 == to.1 => Some(from.1),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 1, "one underline");
    assert!(
        rules[0] < 0.0 && rules[0] > -2.0,
        "just below the baseline: {}",
        rules[0]
    );
}
