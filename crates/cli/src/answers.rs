//! `proxymap ask`: questions answered from the network, each answer with its evidence.

use crate::untrusted::clean;
use anyhow::{bail, Result};
use ask::{Answer, Answered, Direction, Filters, Question, Role};
use std::io::Write;
use std::path::Path;
use store::{EntitySummary, Store, StoredClaim};

/// What `proxymap ask` was given: a question, or structured flags, or both (the flags
/// fill what the question leaves open).
#[derive(Debug, Default)]
pub struct AskArgs {
    /// The question as typed.
    pub question: Option<String>,
    /// `--subject`.
    pub subject: Option<String>,
    /// `--predicate`.
    pub predicate: Option<String>,
    /// `--object`.
    pub object: Option<String>,
    /// Filters and limits.
    pub filters: Filters,
    /// One JSON object on standard output.
    pub json: bool,
}

/// Answers the question against the store at `db` and prints the answer.
pub fn run(db: &Path, args: &AskArgs) -> Result<()> {
    let question = question_of(args)?;
    let store = Store::open_existing(db)?;
    let answer = ask::answer(&store, &question, &args.filters)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", answer_json(&answer))?;
    } else {
        print_answer(&mut out, &answer)?;
    }
    Ok(())
}

/// The question the arguments ask: the typed one, else the one the flags make.
fn question_of(args: &AskArgs) -> Result<Question> {
    if let Some(q) = &args.question {
        if args.subject.is_some() || args.object.is_some() || args.predicate.is_some() {
            bail!("give a question or --subject/--predicate/--object, not both");
        }
        return Ok(ask::parse(q)?);
    }
    let predicate = args
        .predicate
        .as_deref()
        .map(|p| ask::predicate_named(p).ok_or_else(|| anyhow::anyhow!("unknown predicate {p:?}")))
        .transpose()?;
    let (subject, object) = (args.subject.clone(), args.object.clone());
    Ok(match (subject, predicate, object) {
        (Some(subject), Some(predicate), Some(object)) => Question::Evidence {
            subject,
            predicate,
            object,
        },
        (Some(entity), Some(predicate), None) => Question::Relation {
            predicate,
            direction: Direction::Outgoing,
            entity,
        },
        (None, Some(predicate), Some(entity)) => Question::Relation {
            predicate,
            direction: Direction::Incoming,
            entity,
        },
        (Some(entity), None, None) | (None, None, Some(entity)) => Question::Profile { entity },
        _ => bail!(
            "ask a question (\"who leads Badr Organization?\") or give --subject or --object, \
             with --predicate to ask for one relation"
        ),
    })
}

fn print_answer(out: &mut impl Write, answer: &Answer) -> Result<()> {
    match answer {
        Answer::Edges {
            question,
            entities,
            edges,
        } => {
            writeln!(out, "{}", heading(question, entities))?;
            print_edges(out, edges, entities)?;
        }
        Answer::Profile { entities, edges } => {
            for e in entities {
                print_entity(out, e)?;
            }
            print_edges(out, edges, entities)?;
        }
        Answer::Timeline { entities, claims } => {
            for e in entities {
                print_entity(out, e)?;
            }
            if claims.is_empty() {
                writeln!(out, "no dated claims")?;
            }
            for c in claims {
                let when = c.time.as_deref().or(c.date.as_deref()).unwrap_or("undated");
                writeln!(
                    out,
                    "{when:<21} {} {} {}",
                    clean(&c.subject.name),
                    c.predicate,
                    clean(&c.object.name)
                )?;
                print_claim(out, c)?;
            }
        }
    }
    Ok(())
}

/// The question restated with the names it resolved to.
fn heading(question: &Question, entities: &[EntitySummary]) -> String {
    let names: Vec<String> = entities
        .iter()
        .map(|e| clean(&e.name).into_owned())
        .collect();
    let asked = match question {
        Question::Relation {
            predicate,
            direction: Direction::Incoming,
            ..
        } => format!("who {predicate} {}", names.join(" / ")),
        Question::Relation { predicate, .. } => {
            format!("{} {predicate} whom", names.join(" / "))
        }
        Question::Evidence {
            subject,
            predicate,
            object,
        } => format!("who says {} {predicate} {}", clean(subject), clean(object)),
        Question::Profile { .. } | Question::Timeline { .. } => names.join(" / "),
    };
    format!("{asked}:")
}

fn print_entity(out: &mut impl Write, e: &EntitySummary) -> Result<()> {
    writeln!(
        out,
        "{} ({}, {} mentions in {} documents)",
        clean(&e.name),
        e.kind.name(),
        e.n_mentions,
        e.n_documents
    )?;
    if !e.aliases.is_empty() {
        let aliases: Vec<String> = e.aliases.iter().map(|a| clean(a).into_owned()).collect();
        writeln!(out, "  also: {}", aliases.join("; "))?;
    }
    Ok(())
}

fn print_edges(out: &mut impl Write, edges: &[Answered], entities: &[EntitySummary]) -> Result<()> {
    if edges.is_empty() {
        writeln!(out, "  the network holds no such edge")?;
    }
    for (n, a) in edges.iter().enumerate() {
        let e = &a.edge;
        let s = &e.summary;
        let marked = match a.role {
            Role::Direct => "",
            Role::Leader => "  (leads it)",
        };
        let flags = [
            (s.contested, "contested"),
            (s.single_outlet, "single outlet"),
            (s.single_source, "single source"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(", ");
        let other = ask::other_end(e, entities);
        writeln!(
            out,
            "{:>2}. {}{marked} — {} {} {}; {} evidence, {} outlets, {} sources{}{}",
            n + 1,
            clean(&other.name),
            clean(&e.subject.name),
            e.predicate,
            clean(&e.object.name),
            s.n_evidence,
            s.n_outlets,
            s.n_sources,
            time_span(s.first_time.as_deref(), s.last_time.as_deref()),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" [{flags}]")
            }
        )?;
        for c in &a.claims {
            print_claim(out, c)?;
        }
    }
    Ok(())
}

fn time_span(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => format!("; {f}"),
        (Some(f), Some(l)) => format!("; {f} to {l}"),
        (Some(t), None) | (None, Some(t)) => format!("; {t}"),
        (None, None) => String::new(),
    }
}

fn print_claim(out: &mut impl Write, c: &StoredClaim) -> Result<()> {
    let source = c
        .source
        .as_ref()
        .map(|s| format!(" by {}", clean(&s.name)))
        .unwrap_or_default();
    writeln!(
        out,
        "      {}{source} — {}, {}, {} [{}]",
        c.modality,
        clean(c.outlet.as_deref().unwrap_or("no outlet")),
        c.date.as_deref().unwrap_or("undated"),
        clean(&c.path),
        c.rule
    )?;
    writeln!(out, "        \"{}\"", clean(&c.evidence))?;
    Ok(())
}

fn answer_json(answer: &Answer) -> serde_json::Value {
    match answer {
        Answer::Edges {
            question,
            entities,
            edges,
        } => serde_json::json!({
            "question": format!("{question:?}"),
            "entities": entities.iter().map(entity_json).collect::<Vec<_>>(),
            "answers": edges.iter().map(|a| answered_json(a, entities)).collect::<Vec<_>>(),
        }),
        Answer::Profile { entities, edges } => serde_json::json!({
            "entities": entities.iter().map(entity_json).collect::<Vec<_>>(),
            "edges": edges.iter().map(|a| answered_json(a, entities)).collect::<Vec<_>>(),
        }),
        Answer::Timeline { entities, claims } => serde_json::json!({
            "entities": entities.iter().map(entity_json).collect::<Vec<_>>(),
            "timeline": claims.iter().map(claim_json).collect::<Vec<_>>(),
        }),
    }
}

fn entity_json(e: &EntitySummary) -> serde_json::Value {
    serde_json::json!({
        "id": e.id.to_string(), "name": e.name, "kind": e.kind.name(), "aliases": e.aliases,
    })
}

fn answered_json(a: &Answered, entities: &[EntitySummary]) -> serde_json::Value {
    let e = &a.edge;
    let s = &e.summary;
    let m = &s.modalities;
    serde_json::json!({
        "answer": ask::other_end(e, entities).name,
        "role": match a.role { Role::Direct => "direct", Role::Leader => "leader" },
        "subject": {"id": e.subject.id.to_string(), "name": e.subject.name},
        "predicate": e.predicate,
        "object": {"id": e.object.id.to_string(), "name": e.object.name},
        "strength": s.strength, "evidence": s.n_evidence, "outlets": s.n_outlets,
        "sources": s.n_sources, "first_time": s.first_time, "last_time": s.last_time,
        "modalities": {"asserted": m.asserted, "reported": m.reported, "alleged": m.alleged,
            "hypothetical": m.hypothetical, "denied": m.denied},
        "contested": s.contested, "single_outlet": s.single_outlet,
        "single_source": s.single_source,
        "claims": a.claims.iter().map(claim_json).collect::<Vec<_>>(),
    })
}

fn claim_json(c: &StoredClaim) -> serde_json::Value {
    serde_json::json!({
        "subject": c.subject.name, "predicate": c.predicate, "object": c.object.name,
        "evidence": c.evidence, "modality": c.modality,
        "source": c.source.as_ref().map(|s| &s.name), "time": c.time,
        "outlet": c.outlet, "date": c.date, "title": c.title, "file": c.path,
        "document": c.document_idx, "rule": c.rule,
    })
}
