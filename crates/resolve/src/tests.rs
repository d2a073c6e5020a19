//! Resolution tests on invented sentences, through one `check` helper.

use crate::{across_corpus, within_document, Corpus, DocEntities};
use model::{Document, EntityKind, Mention, MentionRule, Paragraph, ParagraphRole, Sentence, Span};
use proptest::prelude::*;

use EntityKind::{Group, Org, Person, Place};

/// A mention as a test writes it: the surface (found after the previous one), its kind,
/// and the index of the mention it is linked to as an acronym.
type Spec = (&'static str, EntityKind, Option<u32>);

/// One invented document: sentences, then its mentions in order.
type Doc = (&'static [&'static str], &'static [Spec]);

fn document(sentences: &[&str], specs: &[Spec]) -> (Document, Vec<Mention>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        spans.push(Span::new(text.len(), text.len() + s.len()));
        text.push_str(s);
    }
    let mut from = 0;
    let mut mentions = Vec::new();
    for &(surface, kind, linked) in specs {
        let start = from + text[from..].find(surface).expect("mention in text");
        let end = start + surface.len();
        from = end;
        let sentence_idx = spans.iter().position(|s| s.end as usize >= end).unwrap() as u32;
        mentions.push(Mention {
            span: Span::new(start, end),
            sentence_idx,
            kind,
            rule: MentionRule::NameShape,
            linked,
        });
    }
    let doc = Document {
        paragraphs: vec![Paragraph {
            span: Span::new(0, text.len()),
            role: ParagraphRole::Body,
        }],
        sentences: spans
            .iter()
            .map(|&span| Sentence {
                span,
                paragraph_idx: 0,
            })
            .collect(),
        text,
        ..Document::default()
    };
    (doc, mentions)
}

fn resolve(docs: &[Doc], kb: &kb::Kb) -> (Vec<DocEntities>, Corpus) {
    let local: Vec<DocEntities> = docs
        .iter()
        .map(|(sentences, specs)| {
            let (doc, mentions) = document(sentences, specs);
            within_document(&doc, &mentions, kb)
        })
        .collect();
    let corpus = across_corpus(&local, kb);
    (local, corpus)
}

/// One line per entity, sorted: `kind name [aliases]`.
fn render(corpus: &Corpus) -> String {
    let mut lines: Vec<String> = corpus
        .entities
        .iter()
        .map(|e| format!("{} {} [{}]", e.kind, e.name, e.aliases.join(", ")))
        .collect();
    lines.sort();
    lines.join("\n")
}

fn check_kb(docs: &[Doc], kb: &kb::Kb, expect: &str) {
    let (_, corpus) = resolve(docs, kb);
    let want: Vec<&str> = expect.trim().lines().map(str::trim).collect();
    assert_eq!(render(&corpus), want.join("\n"));
}

fn check(docs: &[Doc], expect: &str) {
    check_kb(docs, &kb::Kb::empty(), expect);
}

fn test_kb() -> kb::Kb {
    kb::Kb::parse(
        "test.jsonl",
        concat!(
            r#"{"name": "Harbor Brigades", "kind": "org", "aliases": ["Kataib al-Mina"]}"#,
            "\n",
            r#"{"name": "Norland", "kind": "org", "demonyms": ["Norlandish"], "capital": "Velm"}"#,
            "\n",
            r#"{"name": "Velm", "kind": "place"}"#,
            "\n",
        ),
    )
    .expect("test kb parses")
}

#[test]
fn surname_short_form() {
    check(
        &[(
            &["Gen. Ruth Okafor arrived.", "Later Okafor spoke."],
            &[("Ruth Okafor", Person, None), ("Okafor", Person, None)],
        )],
        "person Ruth Okafor [Okafor]",
    );
}

#[test]
fn first_word_short_form_of_an_org() {
    check(
        &[(
            &["The Tamsin Defense Front moved.", "Tamsin fighters stayed."],
            &[("Tamsin Defense Front", Org, None), ("Tamsin", Org, None)],
        )],
        "org Tamsin Defense Front [Tamsin]",
    );
}

#[test]
fn org_short_form_before_the_full_name_stays_apart() {
    check(
        &[(
            &["Tamsin spoke.", "The Tamsin Defense Front moved."],
            &[("Tamsin", Org, None), ("Tamsin Defense Front", Org, None)],
        )],
        "org Tamsin Defense Front []\norg Tamsin []",
    );
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    // Both named in the last two sentences: the bare surname is ambiguous.
    check(
        &[(
            &["Paul Varga and Irene Varga met.", "Varga left."],
            &[
                ("Paul Varga", Person, None),
                ("Irene Varga", Person, None),
                ("Varga", Person, None),
            ],
        )],
        "person Irene Varga []\nperson Paul Varga []\nperson Varga []",
    );
    // Only one is named nearby: the surname goes to that one.
    check(
        &[(
            &[
                "Paul Varga was born here.",
                "Years passed.",
                "Irene Varga took office.",
                "Varga spoke.",
            ],
            &[
                ("Paul Varga", Person, None),
                ("Irene Varga", Person, None),
                ("Varga", Person, None),
            ],
        )],
        "person Irene Varga [Varga]\nperson Paul Varga []",
    );
}

#[test]
fn short_forms_across_documents_only_when_unambiguous() {
    check(
        &[
            (&["Ruth Okafor arrived."], &[("Ruth Okafor", Person, None)]),
            (&["Okafor spoke."], &[("Okafor", Person, None)]),
        ],
        "person Ruth Okafor [Okafor]",
    );
    check(
        &[
            (&["Paul Varga arrived."], &[("Paul Varga", Person, None)]),
            (&["Irene Varga arrived."], &[("Irene Varga", Person, None)]),
            (&["Varga spoke."], &[("Varga", Person, None)]),
        ],
        "person Irene Varga []\nperson Paul Varga []\nperson Varga []",
    );
}

#[test]
fn transliteration_variants_join() {
    check(
        &[
            (
                &["Qassem Suleimani came."],
                &[("Qassem Suleimani", Person, None)],
            ),
            (
                &["Qasem Soleimani left."],
                &[("Qasem Soleimani", Person, None)],
            ),
        ],
        "person Qassem Suleimani [Qasem Soleimani]",
    );
}

#[test]
fn knowledge_base_aliases_join() {
    check_kb(
        &[
            (
                &["The Harbor Brigades fired."],
                &[("Harbor Brigades", Org, None)],
            ),
            (
                &["Kataib al-Mina denied it."],
                &[("Kataib al-Mina", Org, None)],
            ),
        ],
        &test_kb(),
        "org Harbor Brigades [Kataib al-Mina]",
    );
}

#[test]
fn acronyms_join_their_expansion() {
    check(
        &[(
            &["The Coastal Relief Agency (CRA) came.", "The CRA left."],
            &[
                ("Coastal Relief Agency", Org, Some(1)),
                ("CRA", Org, Some(0)),
                ("CRA", Org, Some(0)),
            ],
        )],
        "org Coastal Relief Agency [CRA]",
    );
}

#[test]
fn capital_as_actor_joins_the_state() {
    check_kb(
        &[(
            &[
                "Norland sent arms.",
                "Velm denied it.",
                "Talks were held in Velm.",
            ],
            &[
                ("Norland", Org, None),
                ("Velm", Org, None),
                ("Velm", Place, None),
            ],
        )],
        &test_kb(),
        "org Norland [Velm]\nplace Velm []",
    );
}

#[test]
fn a_state_named_only_as_territory_is_a_place() {
    check_kb(
        &[(
            &["Fighting spread in Norland."],
            &[("Norland", Place, None)],
        )],
        &test_kb(),
        "place Norland []",
    );
}

#[test]
fn group_plural_and_adjective_join() {
    check(
        &[(
            &["The Velmi people fled.", "Velmis returned."],
            &[("Velmi people", Group, None), ("Velmis", Group, None)],
        )],
        "group Velmi people [Velmis]",
    );
}

#[test]
fn every_mention_keeps_its_entity_and_rule() {
    let docs: &[Doc] = &[(
        &["Ruth Okafor arrived.", "Okafor spoke."],
        &[("Ruth Okafor", Person, None), ("Okafor", Person, None)],
    )];
    let (local, corpus) = resolve(docs, &kb::Kb::empty());
    let rules: Vec<_> = local[0].entities[0].mentions.clone();
    assert_eq!(
        rules,
        [
            (0, crate::JoinRule::Founder),
            (1, crate::JoinRule::ShortForm)
        ]
    );
    let a = corpus.mention_entity(0, 0).unwrap();
    assert_eq!(corpus.mention_entity(0, 1).unwrap().entity, a.entity);
    assert_eq!(corpus.entity(a.entity).unwrap().name, "Ruth Okafor");
    assert!(corpus.mention_entity(0, 2).is_none());
}

const CORPUS: &[Doc] = &[
    (
        &["Paul Varga met Ruth Okafor.", "Okafor left."],
        &[
            ("Paul Varga", Person, None),
            ("Ruth Okafor", Person, None),
            ("Okafor", Person, None),
        ],
    ),
    (&["Irene Varga arrived."], &[("Irene Varga", Person, None)]),
    (
        &["Varga spoke.", "Okafor too."],
        &[("Varga", Person, None), ("Okafor", Person, None)],
    ),
    (
        &["The Coastal Relief Agency (CRA) came."],
        &[
            ("Coastal Relief Agency", Org, Some(1)),
            ("CRA", Org, Some(0)),
        ],
    ),
    (
        &["The CRA left Velm."],
        &[("CRA", Org, None), ("Velm", Place, None)],
    ),
    (
        &["Qasem Soleimani left."],
        &[("Qasem Soleimani", Person, None)],
    ),
    (
        &["Qassem Suleimani came."],
        &[("Qassem Suleimani", Person, None)],
    ),
];

fn signature(corpus: &Corpus) -> Vec<(u64, String, String, Vec<String>)> {
    corpus
        .entities
        .iter()
        .map(|e| {
            (
                e.id.0,
                e.name.clone(),
                e.kind.to_string(),
                e.aliases.clone(),
            )
        })
        .collect()
}

proptest! {
    #[test]
    fn document_order_changes_nothing(perm in Just((0..CORPUS.len()).collect::<Vec<_>>()).prop_shuffle()) {
        let kb = test_kb();
        let (_, base) = resolve(CORPUS, &kb);
        let shuffled: Vec<Doc> = perm.iter().map(|&i| CORPUS[i]).collect();
        let (_, other) = resolve(&shuffled, &kb);
        prop_assert_eq!(signature(&base), signature(&other));
        // Every mention goes to the same entity, wherever its document stands.
        for (new_idx, &old_idx) in perm.iter().enumerate() {
            for m in 0..CORPUS[old_idx].1.len() {
                prop_assert_eq!(
                    base.mention_entity(old_idx, m).map(|l| l.entity),
                    other.mention_entity(new_idx, m).map(|l| l.entity)
                );
            }
        }
    }
}

#[test]
fn ids_are_distinct_sorted_and_stable() {
    let kb = test_kb();
    let (_, a) = resolve(CORPUS, &kb);
    let (_, b) = resolve(CORPUS, &kb);
    assert_eq!(signature(&a), signature(&b));
    assert!(a.entities.windows(2).all(|w| w[0].id < w[1].id));
    let okafor = a.entities.iter().find(|e| e.name == "Ruth Okafor").unwrap();
    assert_eq!(okafor.aliases, ["Okafor"]);
    assert_eq!(okafor.n_documents, 2);
}

#[test]
fn national_adjectives_and_acronyms_are_no_org_short_forms() {
    check(
        &[(
            &["The Norlandi Parliament met.", "Norlandi officials left."],
            &[("Norlandi Parliament", Org, None), ("Norlandi", Org, None)],
        )],
        "org Norlandi Parliament []\norg Norlandi []",
    );
}

fn forces_kb() -> kb::Kb {
    kb::Kb::parse(
        "forces.jsonl",
        concat!(
            r#"{"name": "Norland", "kind": "org", "aliases": ["NL"], "demonyms": ["Norlandish"], "capital": "Velm"}"#,
            "\n",
            r#"{"name": "Norland Defence Force", "kind": "org", "aliases": ["NDF"], "forces_of": "Norland"}"#,
            "\n",
            r#"{"name": "Harbor Brigades", "kind": "org"}"#,
            "\n",
        ),
    )
    .expect("forces kb parses")
}

#[test]
fn a_states_troops_soldiers_and_forces_are_its_armed_forces() {
    check_kb(
        &[
            (
                &["Norlandish troops crossed.", "NL soldiers followed."],
                &[("Norlandish troops", Org, None), ("NL soldiers", Org, None)],
            ),
            (
                &["Norland ground forces held the ridge."],
                &[("Norland ground forces", Org, None)],
            ),
        ],
        &forces_kb(),
        "org Norland Defence Force [NL soldiers, Norland ground forces, Norlandish troops]",
    );
}

#[test]
fn a_groups_fighters_are_the_group_but_a_states_fighters_are_not_its_army() {
    check_kb(
        &[(
            &[
                "Harbor Brigades fighters moved.",
                "Norlandish fighters watched.",
            ],
            &[
                ("Harbor Brigades fighters", Org, None),
                ("Norlandish fighters", Org, None),
            ],
        )],
        &forces_kb(),
        "org Harbor Brigades [Harbor Brigades fighters]\norg Norlandish fighters []",
    );
}

#[test]
fn a_company_with_and_without_its_legal_form_is_one() {
    check(
        &[
            (
                &["Orel Mining SARLU won the permit."],
                &[("Orel Mining SARLU", Org, None)],
            ),
            (
                &["Orel Mining exported gold."],
                &[("Orel Mining", Org, None)],
            ),
        ],
        "org Orel Mining SARLU [Orel Mining]",
    );
}

#[test]
fn the_builder_pools_repeated_names_and_gives_what_across_corpus_gives() {
    let docs: &[Doc] = &[
        (
            &["Gen. Ruth Okafor arrived.", "Okafor spoke."],
            &[("Ruth Okafor", Person, None), ("Okafor", Person, None)],
        ),
        (&["Ruth Okafor left."], &[("Ruth Okafor", Person, None)]),
        (
            &["Ruth Okafor left again."],
            &[("Ruth Okafor", Person, None)],
        ),
    ];
    let (local, corpus) = resolve(docs, &kb::Kb::empty());
    let mut builder = crate::CorpusBuilder::default();
    for d in &local {
        builder.add(d);
    }
    assert_eq!(builder.n_documents(), 3);
    let built = builder.build(&kb::Kb::empty());
    assert_eq!(built.entities, corpus.entities);
    assert_eq!(built.links, corpus.links);
    assert_eq!(corpus.entities[0].n_documents, 3);
    assert_eq!(built.links[2][0].rule, crate::CorpusRule::SameKey);
}

#[test]
fn an_alias_linked_by_the_mentions_stage_joins_its_name() {
    // "Karim Haddadin, also known as Abu Nasim": the mentions stage links the second name
    // to the first
    check(
        &[
            (
                &["Karim Haddadin, also known as Abu Nasim, fled."],
                &[
                    ("Karim Haddadin", Person, None),
                    ("Abu Nasim", Person, Some(0)),
                ],
            ),
            (
                &["Abu Nasim was seen in Morvia."],
                &[("Abu Nasim", Person, None), ("Morvia", Place, None)],
            ),
        ],
        // the name written most often is the canonical one
        "person Abu Nasim [Karim Haddadin]\nplace Morvia []",
    );
}

#[test]
fn a_groups_ground_forces_are_its_branch_not_the_group() {
    let kb = kb::Kb::parse(
        "branch.jsonl",
        concat!(
            r#"{"name": "Sentinel Guard Corps", "kind": "org", "aliases": ["SGC"]}"#,
            "\n",
            r#"{"name": "Sentinel Guard Corps Ground Forces", "kind": "org", "aliases": ["SGC Ground Forces"]}"#,
            "\n",
            r#"{"name": "Harbor Brigades", "kind": "org"}"#,
            "\n",
        ),
    )
    .expect("branch kb parses");
    check_kb(
        &[(
            &[
                "SGC ground forces moved.",
                "Harbor Brigades ground forces waited.",
                "Harbor Brigades fighters left.",
            ],
            &[
                ("SGC ground forces", Org, None),
                ("Harbor Brigades ground forces", Org, None),
                ("Harbor Brigades fighters", Org, None),
            ],
        )],
        &kb,
        "org Harbor Brigades [Harbor Brigades fighters]\norg Harbor Brigades ground forces []\norg Sentinel Guard Corps Ground Forces [SGC ground forces]",
    );
}
