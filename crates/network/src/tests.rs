use crate::*;
use model::EntityId;
use proptest::prelude::*;

/// A claim `s –p→ o` in paragraph 0 of `document`, asserted, no source, no time, outlet
/// "Outlet {document}".
fn row(document: i64, s: u64, p: &str, o: u64) -> ClaimRow {
    ClaimRow {
        key: ClaimKey { document, idx: 0 },
        subject: EntityId(s),
        subject_name: format!("E{s}"),
        predicate: p.into(),
        object: EntityId(o),
        object_name: format!("E{o}"),
        modality: Modality::Asserted,
        source: None,
        time: None,
        date: None,
        unit: EvidenceUnit {
            document,
            paragraph: Some(0),
        },
        outlet: Some(format!("Outlet {document}")),
        confirmed: false,
    }
}

/// `row` with another claim index, modality, source, time or unit.
trait With {
    fn idx(self, idx: u32) -> Self;
    fn modality(self, m: Modality) -> Self;
    fn source(self, id: u64) -> Self;
    fn time(self, t: &str) -> Self;
    fn unit(self, document: i64, paragraph: Option<u32>, outlet: Option<&str>) -> Self;
}

impl With for ClaimRow {
    fn idx(mut self, idx: u32) -> Self {
        self.key.idx = idx;
        self
    }
    fn modality(mut self, m: Modality) -> Self {
        self.modality = m;
        self
    }
    fn source(mut self, id: u64) -> Self {
        self.source = Some(EntityId(id));
        self
    }
    fn time(mut self, t: &str) -> Self {
        self.time = Some(t.into());
        self
    }
    fn unit(mut self, document: i64, paragraph: Option<u32>, outlet: Option<&str>) -> Self {
        self.unit = EvidenceUnit {
            document,
            paragraph,
        };
        self.outlet = outlet.map(str::to_string);
        self
    }
}

/// The one edge `rows` make.
fn one(rows: Vec<ClaimRow>) -> Edge {
    let mut edges = aggregate(rows);
    assert_eq!(edges.len(), 1, "{edges:#?}");
    edges.pop().unwrap()
}

#[test]
fn a_reprint_and_a_repeated_passage_count_once() {
    // Document 2 reprints document 1 (same outlet-less unit), document 3 repeats its
    // paragraph: one unit, one outlet, three claims.
    let e = one(vec![
        row(1, 1, "supports", 2),
        row(2, 1, "supports", 2).unit(1, Some(0), Some("Outlet 1")),
        row(3, 1, "supports", 2).unit(1, Some(0), Some("Outlet 1")),
    ]);
    assert_eq!((e.claims.len(), e.n_evidence), (3, 1));
    assert_eq!(e.outlets, ["Outlet 1"]);
    assert!(e.single_outlet && e.single_source);
    assert_eq!(e.strength, 1.0);
}

#[test]
fn paragraphs_and_documents_are_units_of_their_own() {
    let e = one(vec![
        row(1, 1, "leads", 2),
        row(1, 1, "leads", 2)
            .idx(1)
            .unit(1, Some(4), Some("Outlet 1")),
        row(2, 1, "leads", 2),
    ]);
    assert_eq!(e.n_evidence, 3);
    assert_eq!(e.outlets, ["Outlet 1", "Outlet 2"]);
    assert!(!e.single_outlet && !e.single_source);
    assert_eq!(e.strength, 3.0 + OUTLET_BONUS);
}

#[test]
fn a_unit_counts_once_under_its_strongest_modality() {
    let e = one(vec![
        row(1, 1, "supports", 2),
        row(1, 1, "supports", 2).idx(1).modality(Modality::Denied),
        row(2, 1, "supports", 2).modality(Modality::Alleged),
        row(3, 1, "supports", 2).modality(Modality::Reported),
        row(4, 1, "supports", 2).modality(Modality::Hypothetical),
    ]);
    assert_eq!(e.modalities.0, [0, 1, 1, 1, 1]);
    assert_eq!(e.modalities.total(), e.n_evidence);
    assert_eq!(e.strength, -1.0 + 1.0 + 0.5 + 0.25 + 3.0 * OUTLET_BONUS);
}

#[test]
fn symmetric_predicates_order_the_pair_and_others_keep_direction() {
    let edges = aggregate(vec![
        row(1, 9, "meets", 3),
        row(2, 3, "meets", 9),
        row(3, 9, "allied_with", 3),
        row(4, 9, "supports", 3),
        row(5, 3, "supports", 9),
    ]);
    let keys: Vec<(u64, &str, u64, u32)> = edges
        .iter()
        .map(|e| (e.subject.0, e.predicate.as_str(), e.object.0, e.n_evidence))
        .collect();
    assert_eq!(
        keys,
        [
            (3, "meets", 9, 2),
            (3, "allied_with", 9, 1),
            (3, "supports", 9, 1),
            (9, "supports", 3, 1)
        ]
    );
    let meets = &edges[0];
    assert!(meets.symmetric);
    assert_eq!(
        (meets.subject_name.as_str(), meets.object_name.as_str()),
        ("E3", "E9")
    );
}

#[test]
fn first_and_last_time_take_interval_ends_and_partial_dates() {
    let e = one(vec![
        row(1, 1, "controls", 2).time("2014-06"),
        row(2, 1, "controls", 2).time("2014-03-02/2014-05"),
        row(3, 1, "controls", 2).time("2015"),
        row(4, 1, "controls", 2).time("last June"),
        row(5, 1, "controls", 2),
    ]);
    let shown = |t: Option<PartialDate>| t.map(|t| t.to_string());
    assert_eq!(shown(e.first_time).as_deref(), Some("2014-03-02"));
    assert_eq!(shown(e.last_time).as_deref(), Some("2015"));
    assert_eq!(e.time_bounds(), Some((20140302, 20151231)));
    let untimed = one(vec![row(1, 1, "controls", 2)]);
    assert_eq!((untimed.first_time, untimed.time_bounds()), (None, None));
}

#[test]
fn document_dates_give_first_and_last_reported() {
    let dated = |doc, date: &str| {
        let mut r = row(doc, 1, "fights", 2);
        r.date = Some(date.into());
        r
    };
    let e = one(vec![
        dated(1, "2019-05-02"),
        dated(2, "2018-11-30"),
        dated(3, "2019-01-01"),
    ]);
    assert_eq!(
        (e.first_reported.as_deref(), e.last_reported.as_deref()),
        (Some("2018-11-30"), Some("2019-05-02"))
    );
}

#[test]
fn contested_needs_a_denial_by_another_source() {
    let reported_by_7 = row(1, 1, "supports", 2)
        .modality(Modality::Reported)
        .source(7);
    let denied_by_1 = row(2, 1, "supports", 2)
        .modality(Modality::Denied)
        .source(1);
    assert!(one(vec![reported_by_7.clone(), denied_by_1.clone()]).contested);
    // The outlet stands as the source of an unattributed assertion.
    let asserted = row(3, 1, "supports", 2);
    assert!(one(vec![asserted, denied_by_1.clone()]).contested);
    // A source that reports and denies it alone does not contest it.
    let denied_by_7 = row(2, 1, "supports", 2)
        .modality(Modality::Denied)
        .source(7);
    assert!(!one(vec![reported_by_7, denied_by_7]).contested);
    // Neither does a hedge against a denial.
    let alleged = row(3, 1, "supports", 2).modality(Modality::Alleged);
    assert!(!one(vec![alleged, denied_by_1]).contested);
}

#[test]
fn sources_are_entities_else_outlets_else_documents() {
    let e = one(vec![
        row(1, 1, "attacks", 2).source(7),
        row(2, 1, "attacks", 2),
        row(3, 1, "attacks", 2).unit(3, Some(0), None),
        row(4, 1, "attacks", 2).source(7),
    ]);
    assert_eq!(
        e.sources,
        [
            Source::Entity(EntityId(7)),
            Source::Outlet("Outlet 2".into()),
            Source::Document(3)
        ]
    );
    assert_eq!(e.outlets, ["Outlet 1", "Outlet 2", "Outlet 4"]);
}

#[test]
fn a_reprint_paragraph_without_a_link_joins_its_first_copy() {
    let unplaced = row(2, 1, "leads", 2).unit(1, None, Some("Outlet 1"));
    // The first copy states it too: the reprint adds nothing.
    let e = one(vec![row(1, 1, "leads", 2), unplaced.clone()]);
    assert_eq!((e.claims.len(), e.n_evidence), (2, 1));
    // The first copy does not state it: the reprint's claim is a unit of its own.
    let e = one(vec![unplaced, row(3, 1, "leads", 2)]);
    assert_eq!(e.n_evidence, 2);
}

#[test]
fn stronger_edges_come_first_and_denials_rank_last() {
    let edges = aggregate(vec![
        row(1, 5, "denied_one", 6).modality(Modality::Denied),
        row(2, 1, "two_outlets", 2),
        row(3, 1, "two_outlets", 2),
        row(4, 3, "one_outlet", 4),
        row(4, 3, "one_outlet", 4)
            .idx(1)
            .unit(4, Some(1), Some("Outlet 4")),
    ]);
    let order: Vec<&str> = edges.iter().map(|e| e.predicate.as_str()).collect();
    assert_eq!(order, ["two_outlets", "one_outlet", "denied_one"]);
    assert!(edges[2].strength < 0.0);
}

#[test]
fn modality_names_round_trip_in_precedence_order() {
    for (i, m) in Modality::ALL.into_iter().enumerate() {
        assert_eq!(Modality::from_name(m.name()), Some(m));
        assert_eq!(m as usize, i);
    }
    assert!(Modality::Denied > Modality::Hypothetical && Modality::Alleged > Modality::Reported);
    assert_eq!(Modality::from_name("rumoured"), None);
}

fn arbitrary_row() -> impl Strategy<Value = ClaimRow> {
    let predicates = prop::sample::select(vec!["meets", "supports", "allied_with", "leads"]);
    let modalities = prop::sample::select(Modality::ALL.to_vec());
    let times = prop::sample::select(vec!["", "2014", "2014-06", "2014-06-09", "2013/2014-02"]);
    (
        (0i64..6, 0u32..4, 0u64..4, predicates, 0u64..4),
        (modalities, prop::option::of(0u64..3), times),
        (0i64..6, prop::option::of(0u32..3)),
    )
        .prop_map(
            |((doc, idx, s, p, o), (m, source, time), (unit_doc, para))| {
                let mut r = row(doc, s, p, o).idx(idx).modality(m);
                r.source = source.map(EntityId);
                r.time = (!time.is_empty()).then(|| time.to_string());
                let outlet = (unit_doc % 3 != 0).then(|| format!("Outlet {}", unit_doc % 3));
                r.unit(unit_doc, para, outlet.as_deref())
            },
        )
}

proptest! {
    #[test]
    fn any_row_order_gives_the_same_edges(
        (rows, shuffled) in prop::collection::vec(arbitrary_row(), 0..40)
            .prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle()))
    ) {
        let edges = aggregate(rows.clone());
        prop_assert_eq!(&edges, &aggregate(shuffled));
        prop_assert_eq!(edges.iter().map(|e| e.claims.len()).sum::<usize>(), rows.len());
        for e in &edges {
            prop_assert_eq!(e.modalities.total(), e.n_evidence);
            prop_assert!(e.n_evidence >= 1 && e.n_evidence as usize <= e.claims.len());
            prop_assert!(!e.symmetric || e.subject <= e.object);
        }
        for pair in edges.windows(2) {
            prop_assert!(pair[0].strength >= pair[1].strength);
        }
    }
}
