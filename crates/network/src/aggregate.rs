//! Aggregation: rows in, edges out.

use crate::time::{by_end, by_start, TimeSpan};
use crate::{
    is_symmetric, ClaimRow, Edge, EdgeClaim, EvidenceUnit, Modality, ModalityCounts, PartialDate,
    Source,
};
use model::EntityId;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What each distinct outlet beyond the first adds to an edge's [`strength`].
pub const OUTLET_BONUS: f64 = 0.5;

/// An edge's rank: the sum over its evidence units of their modality's
/// [`Modality::weight`] (asserted and reported 1, alleged 0.5, hypothetical 0.25, denied
/// −1), plus [`OUTLET_BONUS`] for every distinct outlet beyond the first. Denials count
/// against an edge, so an edge only ever denied ranks below zero.
pub fn strength(modalities: &ModalityCounts, n_outlets: usize) -> f64 {
    let units: f64 = Modality::ALL
        .iter()
        .map(|&m| f64::from(modalities.get(m)) * m.weight())
        .sum();
    units + OUTLET_BONUS * n_outlets.saturating_sub(1) as f64
}

/// The edges of `rows`, strongest first (see [`Network::finish`]).
pub fn aggregate(rows: impl IntoIterator<Item = ClaimRow>) -> Vec<Edge> {
    let mut network = Network::default();
    for row in rows {
        network.add(row);
    }
    network.finish()
}

/// Edges being aggregated: [`Network::add`] one row at a time, then [`Network::finish`].
/// Holds, per edge, its claims' keys and units and its distinct sources and outlets.
#[derive(Debug, Default)]
pub struct Network {
    edges: HashMap<(String, EntityId, EntityId), Acc>,
}

/// One edge so far.
#[derive(Debug, Default)]
struct Acc {
    subject_name: String,
    object_name: String,
    claims: Vec<EdgeClaim>,
    units: BTreeMap<EvidenceUnit, (Modality, Option<String>)>,
    sources: BTreeSet<Source>,
    affirming: BTreeSet<Source>,
    denying: BTreeSet<Source>,
    first_time: Option<PartialDate>,
    last_time: Option<PartialDate>,
    first_reported: Option<String>,
    last_reported: Option<String>,
    n_confirmed: u32,
}

impl Network {
    /// Adds one claim.
    pub fn add(&mut self, row: ClaimRow) {
        let ClaimRow {
            key,
            mut subject,
            mut subject_name,
            predicate,
            mut object,
            mut object_name,
            modality,
            source,
            time,
            date,
            unit,
            outlet,
            confirmed,
        } = row;
        if is_symmetric(&predicate) && object < subject {
            std::mem::swap(&mut subject, &mut object);
            std::mem::swap(&mut subject_name, &mut object_name);
        }
        let acc = self.edges.entry((predicate, subject, object)).or_default();
        keep_least(&mut acc.subject_name, subject_name);
        keep_least(&mut acc.object_name, object_name);
        acc.claims.push(EdgeClaim { key, unit });
        acc.n_confirmed += u32::from(confirmed);
        let source = match (source, &outlet) {
            (Some(id), _) => Source::Entity(id),
            (None, Some(o)) => Source::Outlet(o.clone()),
            (None, None) => Source::Document(unit.document),
        };
        match modality {
            Modality::Asserted | Modality::Reported => acc.affirming.insert(source.clone()),
            Modality::Denied => acc.denying.insert(source.clone()),
            Modality::Alleged | Modality::Hypothetical => false,
        };
        acc.sources.insert(source);
        let slot = acc.units.entry(unit).or_insert((modality, outlet));
        slot.0 = slot.0.max(modality);
        if let Some(span) = time.as_deref().and_then(TimeSpan::parse) {
            acc.add_time(span);
        }
        if let Some(date) = date {
            acc.add_date(date);
        }
    }

    /// The edges, strongest first; ties by more evidence, then by predicate, subject and
    /// object id, so that the order is the same for any order of the rows.
    pub fn finish(self) -> Vec<Edge> {
        let mut edges: Vec<Edge> = self
            .edges
            .into_iter()
            .map(|((predicate, subject, object), acc)| acc.into_edge(predicate, subject, object))
            .collect();
        edges.sort_by(|a, b| {
            b.strength
                .total_cmp(&a.strength)
                .then(b.n_evidence.cmp(&a.n_evidence))
                .then_with(|| a.predicate.cmp(&b.predicate))
                .then(a.subject.cmp(&b.subject))
                .then(a.object.cmp(&b.object))
        });
        edges
    }
}

impl Acc {
    fn add_time(&mut self, span: TimeSpan) {
        let first = self.first_time.get_or_insert(span.start);
        if by_start(&span.start, first).is_lt() {
            *first = span.start;
        }
        let last = self.last_time.get_or_insert(span.end);
        if by_end(&span.end, last).is_gt() {
            *last = span.end;
        }
    }

    fn add_date(&mut self, date: String) {
        if self.first_reported.as_ref().is_none_or(|d| date < *d) {
            self.first_reported = Some(date.clone());
        }
        if self.last_reported.as_ref().is_none_or(|d| date > *d) {
            self.last_reported = Some(date);
        }
    }

    fn into_edge(mut self, predicate: String, subject: EntityId, object: EntityId) -> Edge {
        drop_placeless_reprints(&mut self.units);
        let mut modalities = ModalityCounts::default();
        let mut outlets = BTreeSet::new();
        for (modality, outlet) in self.units.values() {
            modalities.add(*modality);
            outlets.extend(outlet.clone());
        }
        let outlets: Vec<String> = outlets.into_iter().collect();
        self.claims.sort();
        let contested = self
            .affirming
            .iter()
            .any(|a| self.denying.iter().any(|d| d != a));
        Edge {
            subject,
            subject_name: self.subject_name,
            symmetric: is_symmetric(&predicate),
            predicate,
            object,
            object_name: self.object_name,
            claims: self.claims,
            n_evidence: self.units.len() as u32,
            modalities,
            first_time: self.first_time,
            last_time: self.last_time,
            first_reported: self.first_reported,
            last_reported: self.last_reported,
            contested,
            single_outlet: outlets.len() <= 1,
            single_source: self.sources.len() <= 1,
            sources: self.sources.into_iter().collect(),
            strength: strength(&modalities, outlets.len()),
            outlets,
            n_confirmed: self.n_confirmed,
        }
    }
}

/// Drops the units "somewhere in document D" (a reprint's paragraph without a link) of
/// every document D that also gives a unit of its own paragraphs: the reprint's claim
/// is one of those.
fn drop_placeless_reprints(units: &mut BTreeMap<EvidenceUnit, (Modality, Option<String>)>) {
    let placed: BTreeSet<i64> = units
        .keys()
        .filter(|u| u.paragraph.is_some())
        .map(|u| u.document)
        .collect();
    units.retain(|u, _| u.paragraph.is_some() || !placed.contains(&u.document));
}

/// Keeps the alphabetically least of the names seen, so that the name does not depend
/// on the order of the rows (an entity has one name in a store; this is for safety).
fn keep_least(kept: &mut String, name: String) {
    if kept.is_empty() || name < *kept {
        *kept = name;
    }
}
