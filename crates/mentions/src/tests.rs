//! Unit tests through one helper, [`check`]: a text in, its mentions' surfaces and kinds
//! out, with an empty knowledge base. Every sentence is invented for the test.

use super::*;
use model::{EntityKind, Paragraph, ParagraphRole, Sentence, Span};
use proptest::prelude::*;
use EntityKind::{Group, Org, Person, Place};

/// A document of one body paragraph per blank-line-separated block, its sentences split
/// by the text stage's splitter.
pub(crate) fn doc_of(text: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut at = 0;
    for block in text.split("\n\n") {
        let start = at;
        let end = at + block.len();
        at = end + 2;
        if block.trim().is_empty() {
            continue;
        }
        let idx = paragraphs.len() as u32;
        paragraphs.push(Paragraph {
            span: Span::new(start, end),
            role: ParagraphRole::Body,
        });
        for s in text::sentences::split(block) {
            sentences.push(Sentence {
                span: Span::new(start + s.start as usize, start + s.end as usize),
                paragraph_idx: idx,
            });
        }
    }
    Document {
        text: text.to_string(),
        paragraphs,
        sentences,
        ..Document::default()
    }
}

fn found(text: &str) -> Vec<(String, EntityKind)> {
    let doc = doc_of(text);
    find(&doc, &kb::Kb::empty())
        .iter()
        .map(|m| (m.span.slice(&doc.text).to_string(), m.kind))
        .collect()
}

/// Asserts the mentions of `text`, in order, as (surface, kind).
#[track_caller]
fn check(text: &str, expect: &[(&str, EntityKind)]) {
    let got = found(text);
    let want: Vec<(String, EntityKind)> = expect.iter().map(|(s, k)| (s.to_string(), *k)).collect();
    assert_eq!(got, want, "\ntext: {text}");
}

/// The mentions of `text` as (surface, linked mention), for tests of links.
fn links_of(text: &str) -> Vec<(String, Option<u32>)> {
    let (doc, m) = mentions_of(text);
    m.iter()
        .map(|m| (m.span.slice(&doc.text).to_string(), m.linked))
        .collect()
}

/// Asserts the mentions of `text`, in order, as (surface, linked mention).
#[track_caller]
fn check_links(text: &str, expect: &[(&str, Option<u32>)]) {
    let want: Vec<(String, Option<u32>)> =
        expect.iter().map(|&(s, l)| (s.to_string(), l)).collect();
    assert_eq!(links_of(text), want, "\ntext: {text}");
}

/// The mentions of `text` with their rules and links, for tests of those fields.
fn mentions_of(text: &str) -> (Document, Vec<Mention>) {
    let doc = doc_of(text);
    let m = find(&doc, &kb::Kb::empty());
    (doc, m)
}

#[test]
fn titles_and_ranks_mark_persons() {
    check(
        "Yesterday Maj. Gen. Darius Velkan inspected the lines.",
        &[("Darius Velkan", Person)],
    );
    check(
        "The talks were led by Sheikh Omar Haddadi and President Lena Varga.",
        &[("Omar Haddadi", Person), ("Lena Varga", Person)],
    );
    check(
        "Secretary of State Mira Olsen flew home.",
        &[("Mira Olsen", Person)],
    );
}

#[test]
fn the_office_before_a_title_is_its_own_name() {
    check(
        "Chairman of the Northland Joint Staff Gen. Tomas Rieger spoke.",
        &[("Northland Joint Staff", Org), ("Tomas Rieger", Person)],
    );
}

#[test]
fn role_nouns_and_appositives_mark_persons() {
    check(
        "The rebels were trained by militia commander Jalal Ferro.",
        &[("Jalal Ferro", Person)],
    );
    check(
        "Karim Yassin, the spokesman of the group, denied it.",
        &[("Karim Yassin", Person)],
    );
}

#[test]
fn organisational_heads_mark_organisations() {
    check(
        "Fighters of the Eastern Shield Brigades joined the Ministry of Water Affairs.",
        &[
            ("Eastern Shield Brigades", Org),
            ("Ministry of Water Affairs", Org),
        ],
    );
    check(
        "The Institute for the Study of Rivers published a map.",
        &[("Institute for the Study of Rivers", Org)],
    );
}

#[test]
fn place_cues_mark_places() {
    check(
        "Shelling hit the town of Qarvel and Dunmore province.",
        &[("Qarvel", Place), ("Dunmore", Place)],
    );
    check(
        "Jets left Kestrel Air Base for the Gulf of Marran.",
        &[("Kestrel Air Base", Place), ("Gulf of Marran", Place)],
    );
    check(
        "Supplies reached Tell Harun airport, near Ostrava.",
        &[("Tell Harun airport", Place), ("Ostrava", Place)],
    );
}

#[test]
fn possessives_are_stripped() {
    check(
        "Velkan’s men and Haddadi's allies met.",
        &[("Velkan", Org), ("Haddadi", Org)],
    );
    check(
        "The Eastern Shield Brigades’ commander, Jalal Ferro, left.",
        &[("Eastern Shield Brigades", Org), ("Jalal Ferro", Person)],
    );
}

#[test]
fn hyphenated_compounds_give_their_name() {
    check(
        "Marran-backed gunmen and pro-Ostravian crowds met ISLF-held villages.",
        &[("Marran", Org), ("Ostravian", Org), ("ISLF", Org)],
    );
}

#[test]
fn demonyms_stand_for_the_state_or_its_people() {
    check(
        "Ostravian officials said unarmed Ostravians fled.",
        &[("Ostravian", Org), ("Ostravians", Group)],
    );
    check(
        "Many Sunni tribes and Shia clerics gathered.",
        &[("Sunni tribes", Group), ("Shia", Group)],
    );
}

#[test]
fn acronyms_in_parentheses_link_both_ways() {
    let (doc, m) =
        mentions_of("The Northern Defense Units (NDU) attacked. Later the NDU withdrew.");
    let names: Vec<&str> = m.iter().map(|m| m.span.slice(&doc.text)).collect();
    assert_eq!(names, ["Northern Defense Units", "NDU", "NDU"]);
    assert_eq!(m[0].linked, Some(1));
    assert_eq!(m[1].linked, Some(0));
    assert_eq!(m[1].rule, model::MentionRule::Acronym);
    assert_eq!(m[2].linked, Some(0));
    assert!(m.iter().all(|m| m.kind == Org));
}

#[test]
fn an_agency_between_a_dateline_and_its_dash_is_no_alias() {
    let names = links_of("PORT VELA, Marran (LNW) — The Harbor Front withdrew.");
    assert!(names.contains(&("Marran".into(), None)), "{names:?}");
    // a short form that spells the name before it still links
    let names = links_of("PORT VELA, Lorsk News Wire (LNW) — The Harbor Front withdrew.");
    assert!(
        names.contains(&("Lorsk News Wire".into(), Some(2))),
        "{names:?}"
    );
}

#[test]
fn acronyms_after_or_and_in_pairs() {
    check_links(
        "The Free Valley Movement, or FVM, and the People’s Freedom Front (PFF/FVF) met.",
        &[
            ("Free Valley Movement", Some(1)),
            ("FVM", Some(0)),
            ("People’s Freedom Front", Some(3)),
            ("PFF", Some(2)),
            ("FVF", Some(2)),
        ],
    );
}

#[test]
fn compound_acronyms_and_dashed_long_forms() {
    check_links(
        "The Coastal Guard Corps – Storm Force (CGC-SF) sent boats.",
        &[
            ("Coastal Guard Corps – Storm Force", Some(1)),
            ("CGC-SF", Some(0)),
        ],
    );
}

#[test]
fn chains_of_names_for_one_group_link() {
    check_links(
        "Fighters of the ISV – ISVL – the Islamic State of Varn attacked.",
        &[
            ("ISV", Some(1)),
            ("ISVL", Some(0)),
            ("Islamic State of Varn", Some(0)),
        ],
    );
}

#[test]
fn lowercase_long_forms_make_common_acronyms() {
    check(
        "They planted improvised roadside charges (IRCs) near Qarvel. More IRCs followed.",
        &[("Qarvel", Place)],
    );
}

#[test]
fn sentence_initial_words_need_corroboration() {
    check(
        "Meanwhile the Eastern Shield Brigades left. Following orders, they moved.",
        &[("Eastern Shield Brigades", Org)],
    );
    // a capital only at sentence starts, and the same word in lowercase elsewhere
    check(
        "Reports came in. Officials said the reports were wrong.",
        &[],
    );
    // a name first in one sentence and inside another is a name
    check(
        "Ferro left early. Reporters saw Ferro later.",
        &[("Ferro", Org), ("Ferro", Org)],
    );
}

#[test]
fn connectors_inside_names() {
    check(
        "Abu Karim al-Dawsari met Salim bin Rashid and Tariq al Hasani.",
        &[
            ("Abu Karim al-Dawsari", Person),
            ("Salim bin Rashid", Person),
            ("Tariq al Hasani", Person),
        ],
    );
    check(
        "Units of the Kingdom of Marran crossed.",
        &[("Kingdom of Marran", Org)],
    );
}

#[test]
fn surnames_take_the_kind_of_the_full_name() {
    check(
        "Tomas Rieger arrived on Monday. Officials said Rieger would stay.",
        &[("Tomas Rieger", Person), ("Rieger", Person)],
    );
}

#[test]
fn function_words_and_time_words_are_no_names() {
    check(
        "In June the Eastern Shield Brigades and the Free Valley Movement met on Monday.",
        &[
            ("Eastern Shield Brigades", Org),
            ("Free Valley Movement", Org),
        ],
    );
}

#[test]
fn laws_events_and_designations_are_no_entities() {
    check(
        "Under Executive Order 14000 the group became a Specially Designated Global Terrorist.",
        &[],
    );
    check("Operation Iron Gate began after Article 12 failed.", &[]);
}

#[test]
fn names_in_other_scripts_are_kept() {
    let got = found("The group known as حزب الأمة issued a statement.");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "حزب الأمة");
}

#[test]
fn headlines_and_credits_give_no_mentions() {
    let text = "Eastern Shield Brigades Advance\n\nThe Free Valley Movement retreated.";
    let mut doc = doc_of(text);
    doc.paragraphs[0].role = ParagraphRole::Headline;
    let names: Vec<String> = find(&doc, &kb::Kb::empty())
        .iter()
        .map(|m| m.span.slice(&doc.text).to_string())
        .collect();
    assert_eq!(names, ["Free Valley Movement"]);
}

#[test]
fn armed_forces_of_a_state() {
    check(
        "Ostravian troops and the Marran army clashed.",
        &[("Ostravian troops", Org), ("Marran army", Org)],
    );
}

#[test]
fn products_before_equipment_nouns_are_no_entities() {
    check("The brigade fields Falcon helicopters.", &[]);
}

#[test]
fn title_case_stretches_need_corroboration() {
    check(
        "He wrote: “Why The Valley Will Never Surrender To Anyone.”",
        &[],
    );
}

#[test]
fn long_forms_found_by_an_acronym_are_found_again() {
    check(
        "The Harbor Relief for Children (HRC) fund opened. Donors wrote to Harbor Relief for Children.",
        &[
            ("Harbor Relief for Children", Org),
            ("HRC", Org),
            ("Harbor Relief for Children", Org),
        ],
    );
}

#[test]
fn datelines_are_metadata() {
    check(
        "OSTRAVA, Marran — The Free Valley Movement said it would talk.",
        &[("Free Valley Movement", Org)],
    );
    check(
        "TESH (Wire Press) - The Free Valley Movement left.",
        &[("Free Valley Movement", Org)],
    );
}

#[test]
fn coalitions_and_missions_named_by_a_state() {
    check(
        "The Marran-led coalition struck after the Ostravian embassy in Tesh closed.",
        &[
            ("Marran-led coalition", Org),
            ("Ostravian embassy in Tesh", Org),
        ],
    );
}

#[test]
fn list_numbers_do_not_make_a_strong_position() {
    check("3. Following the raids, the rebels left.", &[]);
}

fn found_with(text: &str, kb: &kb::Kb) -> Vec<(String, EntityKind, model::MentionRule)> {
    let doc = doc_of(text);
    find(&doc, kb)
        .iter()
        .map(|m| (m.span.slice(&doc.text).to_string(), m.kind, m.rule))
        .collect()
}

#[test]
fn a_knowledge_base_adds_kinds_demonyms_and_capitals() {
    use model::MentionRule::{Demonym, KnowledgeBase};
    let kb = kb::Kb::parse(
        "test",
        r#"{"name": "Marran", "kind": "org", "aliases": [], "demonyms": ["Marrani", "Marranis"], "capital": "Tesh"}
{"name": "Velkan Front", "kind": "org", "aliases": ["Velkan"]}"#,
    )
    .expect("test knowledge base parses");
    let got = found_with(
        "Velkan fighters crossed. Marrani officials met in Tesh, where Marran troops were based.",
        &kb,
    );
    let kinds: Vec<(&str, EntityKind, model::MentionRule)> =
        got.iter().map(|(s, k, r)| (s.as_str(), *k, *r)).collect();
    assert_eq!(
        kinds,
        [
            ("Velkan", Org, KnowledgeBase),
            ("Marrani", Org, Demonym),
            ("Tesh", Place, KnowledgeBase),
            ("Marran troops", Org, model::MentionRule::OrgCue),
        ]
    );
}

#[test]
fn a_capital_that_acts_stands_for_its_state() {
    let kb = kb::Kb::parse(
        "test",
        r#"{"name": "Marran", "kind": "org", "demonyms": ["Marrani"], "capital": "Tesh"}
{"name": "Tesh", "kind": "place"}"#,
    )
    .expect("test knowledge base parses");
    let kind_of = |text: &str| {
        found_with(text, &kb)
            .into_iter()
            .find(|(s, _, _)| s == "Tesh")
            .map(|(_, k, _)| k)
    };
    assert_eq!(kind_of("Tesh has warned the rebels again."), Some(Org));
    assert_eq!(kind_of("Tesh thereupon warned the rebels."), Some(Org));
    assert_eq!(kind_of("The envoys met in Tesh on Monday."), Some(Place));
}

/// An arbitrary document: text with random paragraph and sentence spans, some of them
/// out of range or off char boundaries.
fn arb_doc() -> impl Strategy<Value = Document> {
    let text = "[ \\PC\\n’()–,.A-Za-z]{0,200}";
    (
        text,
        prop::collection::vec((0usize..220, 0usize..60, 0u32..3), 0..8),
    )
        .prop_map(|(text, spans)| {
            let mut doc = Document {
                text,
                ..Document::default()
            };
            doc.paragraphs.push(Paragraph {
                span: Span::new(0, doc.text.len()),
                role: ParagraphRole::Body,
            });
            doc.paragraphs.push(Paragraph {
                span: Span::new(0, 0),
                role: ParagraphRole::Headline,
            });
            for (start, len, p) in spans {
                doc.sentences.push(Sentence {
                    span: Span::new(start, start + len),
                    paragraph_idx: p,
                });
            }
            doc
        })
}

/// A document whose sentences tile its text, as the text stage makes them.
fn arb_split_doc() -> impl Strategy<Value = Document> {
    let word = prop_oneof![
        Just("the".to_string()),
        Just("of".to_string()),
        Just("al-".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("’s".to_string()),
        Just("–".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        "[A-Z][a-z]{0,6}",
        "[A-Z]{2,5}",
        "[a-z]{1,7}",
        "[A-Z][a-z]{1,5}-[a-z]{2,6}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(word, 0..60).prop_map(|words| doc_of(&words.join(" ")))
}

fn check_invariants(doc: &Document, ms: &[Mention]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for (i, m) in ms.iter().enumerate() {
        let (s, e) = (m.span.start as usize, m.span.end as usize);
        prop_assert!(s < e && e <= doc.text.len(), "span {s}..{e} out of range");
        prop_assert!(doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e));
        prop_assert!(i == 0 || s >= last_end, "mentions overlap or are unsorted");
        last_end = e;
        let sent = &doc.sentences[m.sentence_idx as usize];
        prop_assert!(
            s >= sent.span.start as usize && e <= sent.span.end as usize,
            "mention outside its sentence"
        );
        let para = &doc.paragraphs[sent.paragraph_idx as usize];
        prop_assert!(para.role.is_annotated());
        if let Some(l) = m.linked {
            prop_assert!((l as usize) < ms.len() && l as usize != i);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_documents(doc in arb_doc()) {
        let ms = find(&doc, &kb::Kb::empty());
        // spans that the document's sentences allow
        let valid: Vec<bool> = doc.sentences.iter().map(|s| {
            let (a, b) = (s.span.start as usize, s.span.end as usize);
            a < b && b <= doc.text.len() && doc.text.is_char_boundary(a) && doc.text.is_char_boundary(b)
        }).collect();
        for m in &ms {
            prop_assert!(valid[m.sentence_idx as usize]);
        }
        check_invariants(&doc, &ms)?;
    }

    #[test]
    fn spans_are_sorted_disjoint_and_inside_sentences(doc in arb_split_doc()) {
        let ms = find(&doc, &kb::Kb::empty());
        check_invariants(&doc, &ms)?;
        let builtin = find(&doc, kb::Kb::builtin_ref());
        check_invariants(&doc, &builtin)?;
    }
}

#[test]
fn transliterated_heads_open_organisation_and_place_names() {
    check(
        "Yesterday the fighters of Saraya al-Wadiq left for Kafr Tumar with Liwa Bani Harith.",
        &[
            ("Saraya al-Wadiq", Org),
            ("Kafr Tumar", Place),
            ("Liwa Bani Harith", Org),
        ],
    );
    check(
        "Officials said Harakat Nur al-Din and Kata'ib Sayf Omar shelled Deir Mazlum overnight.",
        &[
            ("Harakat Nur al-Din", Org),
            ("Kata'ib Sayf Omar", Org),
            ("Deir Mazlum", Place),
        ],
    );
}

#[test]
fn a_conjunction_glued_to_a_name_is_cut_off() {
    check(
        "Rami Tawil, whose names include Abu Hasaniand Abu Karim al-Dasuqi, vanished.",
        &[
            ("Rami Tawil", Person),
            ("Abu Hasani", Person),
            ("Abu Karim al-Dasuqi", Person),
        ],
    );
    // a consonant before the "and" is a word's own ending
    check(
        "Yesterday Ferdinand Kalo met the envoy.",
        &[("Ferdinand Kalo", Person)],
    );
}

#[test]
fn also_known_as_links_the_second_name_to_the_first() {
    let (doc, m) =
        mentions_of("Karim Haddadin, also known as Abu Nasim and Abu Layla, crossed into Morvia.");
    let got: Vec<(&str, EntityKind, Option<u32>)> = m
        .iter()
        .map(|m| (m.span.slice(&doc.text), m.kind, m.linked))
        .collect();
    assert_eq!(
        got,
        [
            ("Karim Haddadin", Person, None),
            ("Abu Nasim", Person, Some(0)),
            ("Abu Layla", Person, Some(0)),
            ("Morvia", Place, None),
        ]
    );
    check_links(
        "Officers of the Tarsin Guard (aka Jaysh Tarsin) refused.",
        &[("Tarsin Guard", None), ("Jaysh Tarsin", Some(0))],
    );
    // a spelling in parentheses takes the person's kind and link
    let (doc, m) = mentions_of("Col. Idris Mansour (also spelled Mansur) gave the order.");
    let got: Vec<(&str, EntityKind, Option<u32>)> = m
        .iter()
        .map(|m| (m.span.slice(&doc.text), m.kind, m.linked))
        .collect();
    assert_eq!(
        got,
        [("Idris Mansour", Person, None), ("Mansur", Person, Some(0))]
    );
}

#[test]
fn a_body_s_branch_is_its_own_name() {
    check(
        "He commanded the Coastal Defence Corps ground forces until June.",
        &[("Coastal Defence Corps ground forces", Org)],
    );
}

#[test]
fn a_battle_front_and_a_possessor_do_not_make_a_body() {
    check(
        "The unit's Tamar front held, and the Tamar front stayed quiet.",
        &[("Tamar", Place), ("Tamar", Place)],
    );
}

#[test]
fn names_the_knowledge_base_knows_join_across_connectors() {
    let kb = kb::Kb::parse(
        "test",
        r#"{"name": "Sentinel Front in Ostrava", "kind": "org"}
{"name": "Ostrava", "kind": "place"}
{"name": "Kestrel League", "kind": "org", "aliases": ["Kestrel League in Ostrava"]}"#,
    )
    .expect("test knowledge base parses");
    let got = found_with(
        "Raids by the Sentinel Front in Ostrava grew, and the Harbor Guard in Ostrava waited.",
        &kb,
    );
    let got: Vec<(&str, EntityKind)> = got.iter().map(|(s, k, _)| (s.as_str(), *k)).collect();
    assert_eq!(
        got,
        [
            ("Sentinel Front in Ostrava", Org),
            ("Harbor Guard", Org),
            ("Ostrava", Place),
        ]
    );
    // the same entry with or without its seat: the place stays a name of its own
    let got = found_with("Envoys of the Kestrel League in Ostrava left early.", &kb);
    let got: Vec<(&str, EntityKind)> = got.iter().map(|(s, k, _)| (s.as_str(), *k)).collect();
    assert_eq!(got, [("Kestrel League", Org), ("Ostrava", Place)]);
}

#[test]
fn a_state_listed_among_bodies_acts_even_where_it_is_also_placed() {
    let kb = kb::Kb::parse(
        "test",
        r#"{"name": "Marran", "kind": "org", "aliases": [], "demonyms": ["Marrani"], "capital": "Tesh"}
{"name": "Velkan", "kind": "org", "aliases": [], "demonyms": ["Velkani"], "capital": "Orso"}"#,
    )
    .expect("test knowledge base parses");
    let kinds = |text: &str| -> Vec<(String, EntityKind)> {
        found_with(text, &kb)
            .into_iter()
            .map(|(s, k, _)| (s, k))
            .collect()
    };
    assert_eq!(
        kinds("Talks were held in Marran, with partners, the Coastal Union, Velkan, Marran, and the Harbor Council."),
        [
            ("Marran".to_string(), Org),
            ("Coastal Union".to_string(), Org),
            ("Velkan".to_string(), Org),
            ("Marran".to_string(), Org),
            ("Harbor Council".to_string(), Org),
        ]
    );
    assert_eq!(
        kinds("Fighting spread in Marran, Velkan and the Coastal Union's camps."),
        [
            ("Marran".to_string(), Place),
            ("Velkan".to_string(), Place),
            ("Coastal Union".to_string(), Org),
        ]
    );
}

#[test]
fn a_heading_in_capitals_names_no_one() {
    check(
        "OPERATIONAL CONSEQUENCES\n\nThe Harbor Front withdrew. The ORLA and UNDM observers stayed.",
        &[("Harbor Front", Org), ("ORLA", Org), ("UNDM", Org)],
    );
    check("ORLA UNDM\n\nThey met.", &[("ORLA UNDM", Org)]);
}
