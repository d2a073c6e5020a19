//! `proxymap export`: writes what the store holds in the scorer's shapes (`eval`) and the
//! network in the shapes of the tools analysts use: GraphML and GEXF (Gephi, networkx),
//! Neo4j's bulk-import CSV, and JSON Lines of the claims behind every edge.
//!
//! Every file is written beside its final name and renamed into place; every writer
//! streams (edges and claims come from the store one at a time). Names and evidence are
//! untrusted text: XML is escaped and stripped of the characters XML 1.0 forbids, CSV
//! fields are quoted.

use anyhow::{Context, Result};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use store::{EdgeFilter, NetworkEntity, Store, StoredEdge};

/// How many words of a body `starts_with` carries.
const STARTS_WITH_WORDS: usize = 12;

/// Writes `documents.jsonl`, `entities.jsonl` (every corpus entity: each is mentioned,
/// never a bare knowledge-base entry) and `claims.jsonl` (every claim, with its evidence)
/// into `out` as
/// `../shared/eval/FORMAT.md` describes. Each file is written beside its final name and
/// renamed into place, so a failed export leaves no half-written file.
pub fn eval(db: &Path, out: &Path) -> Result<()> {
    let store = store::Store::open_existing(db)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut documents = AtomicFile::create(&out.join("documents.jsonl"))?;
    store
        .for_each_document(|path, doc| {
            let line = serde_json::json!({
                "file": base_name(path),
                "index": doc.index,
                "title": doc.meta.title.as_deref().unwrap_or(""),
                "outlet": doc.meta.outlet.as_deref().unwrap_or(""),
                "author": doc.meta.author.as_deref().unwrap_or(""),
                "date": doc.meta.date.map(|d| d.to_string()).unwrap_or_default(),
                "starts_with": doc.starts_with(STARTS_WITH_WORDS),
            });
            writeln!(documents.writer(), "{line}")?;
            Ok(())
        })
        .with_context(|| format!("writing {}", out.join("documents.jsonl").display()))?;
    documents.commit()?;
    let mut entities = AtomicFile::create(&out.join("entities.jsonl"))?;
    for e in store.entities(None, None)? {
        let line = serde_json::json!({
            "name": e.name,
            "kind": e.kind.name(),
            "aliases": e.aliases,
        });
        writeln!(entities.writer(), "{line}")
            .with_context(|| format!("writing {}", out.join("entities.jsonl").display()))?;
    }
    entities.commit()?;
    let mut claims = AtomicFile::create(&out.join("claims.jsonl"))?;
    let mut failed: Option<std::io::Error> = None;
    store.for_each_claim(&store::ClaimFilter::default(), |c| {
        let rejected = matches!(c.correction, Some((_, store::Action::Reject)));
        if failed.is_none() && !rejected {
            failed = writeln!(claims.writer(), "{}", crate::claims::to_json(c)).err();
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e).with_context(|| format!("writing {}", out.join("claims.jsonl").display()));
    }
    claims.commit()?;
    Ok(())
}

/// Writes `network.graphml`: nodes are the entities with an edge (id: the stable entity
/// id, with `label` and `kind`), edges carry the predicate, counts, times, flags and
/// strength, each declared as a GraphML key.
pub fn graphml(db: &Path, out: &Path) -> Result<()> {
    write_network(db, out, "network.graphml", |store, w| {
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        for (name, ty) in NODE_ATTRIBUTES {
            writeln!(
                w,
                r#"  <key id="{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
        for (name, ty) in EDGE_ATTRIBUTES {
            let ty = if ty == "integer" { "int" } else { ty };
            writeln!(
                w,
                r#"  <key id="{name}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
        writeln!(w, r#"  <graph id="proxymap" edgedefault="directed">"#)?;
        for n in store.network_entities()? {
            writeln!(
                w,
                r#"    <node id="{}"><data key="label">{}</data><data key="kind">{}</data></node>"#,
                n.id,
                xml(&n.name),
                n.kind.name()
            )?;
        }
        store.for_each_edge(&EdgeFilter::default(), |e| {
            write!(
                w,
                r#"    <edge id="e{}" source="{}" target="{}">"#,
                e.id.0, e.subject.id, e.object.id
            )?;
            for (name, value) in edge_attributes(e) {
                write!(w, r#"<data key="{name}">{}</data>"#, xml(&value))?;
            }
            writeln!(w, "</edge>")?;
            Ok(())
        })?;
        writeln!(w, "  </graph>\n</graphml>")?;
        Ok(())
    })
}

/// Writes `network.gexf` (GEXF 1.3): the same nodes and edges as [`graphml`], the
/// attributes declared per class; an edge's `label` is its predicate and its `weight`
/// its evidence units.
pub fn gexf(db: &Path, out: &Path) -> Result<()> {
    write_network(db, out, "network.gexf", |store, w| {
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(w, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
        writeln!(w, "  <meta><creator>proxymap</creator></meta>")?;
        writeln!(w, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
        writeln!(w, r#"    <attributes class="node">"#)?;
        writeln!(
            w,
            r#"      <attribute id="kind" title="kind" type="string"/>"#
        )?;
        writeln!(w, "    </attributes>")?;
        writeln!(w, r#"    <attributes class="edge">"#)?;
        for (name, ty) in EDGE_ATTRIBUTES {
            writeln!(
                w,
                r#"      <attribute id="{name}" title="{name}" type="{ty}"/>"#
            )?;
        }
        writeln!(w, "    </attributes>")?;
        writeln!(w, "    <nodes>")?;
        for n in store.network_entities()? {
            writeln!(
                w,
                r#"      <node id="{}" label="{}"><attvalues><attvalue for="kind" value="{}"/></attvalues></node>"#,
                n.id,
                xml(&n.name),
                n.kind.name()
            )?;
        }
        writeln!(w, "    </nodes>\n    <edges>")?;
        store.for_each_edge(&EdgeFilter::default(), |e| {
            write!(
                w,
                r#"      <edge id="{}" source="{}" target="{}" label="{}" weight="{}"><attvalues>"#,
                e.id.0,
                e.subject.id,
                e.object.id,
                xml(&e.predicate),
                e.summary.n_evidence
            )?;
            for (name, value) in edge_attributes(e) {
                write!(w, r#"<attvalue for="{name}" value="{}"/>"#, xml(&value))?;
            }
            writeln!(w, "</attvalues></edge>")?;
            Ok(())
        })?;
        writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
        Ok(())
    })
}

/// Writes `nodes.csv` (`id:ID,name,kind,:LABEL`) and `edges.csv` (`:START_ID,:END_ID,
/// :TYPE` and the edge's attributes, typed) in the shape `neo4j-admin database import`
/// reads. The type is the predicate in capitals (`LEADS`), the labels `Entity` and the
/// kind (`Entity;Person`).
pub fn neo4j(db: &Path, out: &Path) -> Result<()> {
    let store = open_for_export(db, out)?;
    let mut nodes = AtomicFile::create(&out.join("nodes.csv"))?;
    let w = nodes.writer();
    writeln!(w, "id:ID,name,kind,:LABEL")?;
    for n in store.network_entities()? {
        write_node_row(w, &n)?;
    }
    nodes.commit()?;
    let mut edges = AtomicFile::create(&out.join("edges.csv"))?;
    let w = edges.writer();
    let typed: Vec<String> = EDGE_ATTRIBUTES
        .iter()
        .filter(|(name, _)| *name != "predicate")
        .map(|(name, ty)| format!("{name}:{}", neo4j_type(ty)))
        .collect();
    writeln!(
        w,
        ":START_ID,:END_ID,:TYPE,edge_id:long,predicate,{}",
        typed.join(",")
    )?;
    store
        .for_each_edge(&EdgeFilter::default(), |e| {
            write_edge_row(w, e)?;
            Ok(())
        })
        .with_context(|| format!("writing {}", out.join("edges.csv").display()))?;
    edges.commit()
}

/// Writes `network.jsonl`: one line per claim behind an edge, edge by edge strongest
/// first, with the edge (id and ends), the claim's evidence and provenance, and its
/// evidence unit (the first copy's document and paragraph).
pub fn jsonl(db: &Path, out: &Path) -> Result<()> {
    write_network(db, out, "network.jsonl", |store, w| {
        let mut edge: Option<StoredEdge> = None;
        store.for_each_edge_claim(|c| {
            if edge.as_ref().is_none_or(|e| e.id != c.edge) {
                edge = store.edge(c.edge)?;
            }
            let mut line = crate::claims::to_json(&c.claim);
            line["path"] = c.claim.path.clone().into();
            line["document_id"] = c.key.document.0.into();
            line["claim_idx"] = c.key.idx.into();
            line["subject_id"] = c.claim.subject.id.to_string().into();
            line["object_id"] = c.claim.object.id.to_string().into();
            line["evidence_unit"] = serde_json::json!({
                "document_id": c.key.unit_document.0,
                "paragraph_idx": c.key.unit_paragraph,
            });
            line["edge"] = edge.as_ref().map_or(serde_json::Value::Null, edge_json);
            writeln!(w, "{line}")?;
            Ok(())
        })?;
        Ok(())
    })
}

/// Node attributes beside the id, with their GraphML types.
const NODE_ATTRIBUTES: [(&str, &str); 2] = [("label", "string"), ("kind", "string")];

/// Edge attributes, with their GEXF types (GraphML says `int` for `integer`).
const EDGE_ATTRIBUTES: [(&str, &str); 19] = [
    ("predicate", "string"),
    ("symmetric", "boolean"),
    ("n_claims", "integer"),
    ("n_evidence", "integer"),
    ("n_asserted", "integer"),
    ("n_reported", "integer"),
    ("n_alleged", "integer"),
    ("n_hypothetical", "integer"),
    ("n_denied", "integer"),
    ("first_time", "string"),
    ("last_time", "string"),
    ("first_reported", "string"),
    ("last_reported", "string"),
    ("n_sources", "integer"),
    ("n_outlets", "integer"),
    ("contested", "boolean"),
    ("single_outlet", "boolean"),
    ("single_source", "boolean"),
    ("strength", "double"),
];

/// An edge's attributes in the order of [`EDGE_ATTRIBUTES`], as text; times the edge
/// lacks are left out.
fn edge_attributes(e: &StoredEdge) -> Vec<(&'static str, String)> {
    let s = &e.summary;
    let m = &s.modalities;
    let mut out = vec![
        ("predicate", e.predicate.clone()),
        ("symmetric", e.symmetric.to_string()),
        ("n_claims", e.n_claims.to_string()),
        ("n_evidence", s.n_evidence.to_string()),
        ("n_asserted", m.asserted.to_string()),
        ("n_reported", m.reported.to_string()),
        ("n_alleged", m.alleged.to_string()),
        ("n_hypothetical", m.hypothetical.to_string()),
        ("n_denied", m.denied.to_string()),
    ];
    for (name, value) in [
        ("first_time", &s.first_time),
        ("last_time", &s.last_time),
        ("first_reported", &s.first_reported),
        ("last_reported", &s.last_reported),
    ] {
        if let Some(v) = value {
            out.push((name, v.clone()));
        }
    }
    out.extend([
        ("n_sources", s.n_sources.to_string()),
        ("n_outlets", s.n_outlets.to_string()),
        ("contested", s.contested.to_string()),
        ("single_outlet", s.single_outlet.to_string()),
        ("single_source", s.single_source.to_string()),
        ("strength", s.strength.to_string()),
    ]);
    out
}

/// An edge as a JSON object, for the claims of [`jsonl`].
fn edge_json(e: &StoredEdge) -> serde_json::Value {
    let mut json = serde_json::json!({
        "id": e.id.0,
        "subject": e.subject.name,
        "subject_id": e.subject.id.to_string(),
        "object": e.object.name,
        "object_id": e.object.id.to_string(),
    });
    for (name, value) in edge_attributes(e) {
        json[name] = match EDGE_ATTRIBUTES.iter().find(|(n, _)| *n == name) {
            Some((_, "string")) | None => value.into(),
            Some(_) => serde_json::from_str(&value).unwrap_or(serde_json::Value::String(value)),
        };
    }
    json
}

/// Opens the store and `out` (created if needed), writes `name` there with `body`.
fn write_network(
    db: &Path,
    out: &Path,
    name: &str,
    body: impl FnOnce(&Store, &mut BufWriter<File>) -> store::Result<()>,
) -> Result<()> {
    let store = open_for_export(db, out)?;
    let path = out.join(name);
    let mut file = AtomicFile::create(&path)?;
    body(&store, file.writer()).with_context(|| format!("writing {}", path.display()))?;
    file.commit()
}

/// The store at `db`, with the folder `out` created.
fn open_for_export(db: &Path, out: &Path) -> Result<Store> {
    let store = Store::open_existing(db)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    Ok(store)
}

/// One line of `nodes.csv`.
fn write_node_row(w: &mut impl Write, n: &NetworkEntity) -> std::io::Result<()> {
    let kind = n.kind.name();
    let label = format!("Entity;{}{}", kind[..1].to_uppercase(), &kind[1..]);
    writeln!(w, "{},{},{},{}", n.id, csv(&n.name), kind, label)
}

/// One line of `edges.csv`.
fn write_edge_row(w: &mut impl Write, e: &StoredEdge) -> std::io::Result<()> {
    let attributes = edge_attributes(e);
    let value = |name: &str| {
        attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(Cow::Borrowed(""), |(_, v)| csv(v))
    };
    let rest: Vec<Cow<'_, str>> = EDGE_ATTRIBUTES
        .iter()
        .filter(|(name, _)| *name != "predicate")
        .map(|(name, _)| value(name))
        .collect();
    writeln!(
        w,
        "{},{},{},{},{},{}",
        e.subject.id,
        e.object.id,
        csv(&e.predicate.to_uppercase()),
        e.id.0,
        csv(&e.predicate),
        rest.join(",")
    )
}

/// Neo4j's import type for a GEXF attribute type.
fn neo4j_type(ty: &str) -> &'static str {
    match ty {
        "integer" => "int",
        "double" => "double",
        "boolean" => "boolean",
        _ => "string",
    }
}

/// `s` as one CSV field: quoted (quotes doubled) when it holds a comma, quote or
/// anything but printable text; line breaks and other control characters become spaces,
/// so that every record stays on one line.
fn csv(s: &str) -> Cow<'_, str> {
    let plain = |c: char| !c.is_control() && c != ',' && c != '"';
    if !s.is_empty() && s.chars().all(plain) && s.trim() == s {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\"\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    Cow::Owned(out)
}

/// `s` escaped for XML text and attribute values, with the characters XML 1.0 forbids
/// (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF)
/// left out.
fn xml(s: &str) -> Cow<'_, str> {
    let plain = |c: char| !matches!(c, '&' | '<' | '>' | '"' | '\'') && xml_allowed(c);
    if s.chars().all(plain) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if xml_allowed(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows `c` in a document (`Char` of the specification); tab, line
/// feed and carriage return are written as character references by [`xml`], so that
/// attribute values keep them.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The base name the scorer keys files by.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A file written under a temporary name and renamed into place on commit.
struct AtomicFile {
    writer: Option<BufWriter<File>>,
    tmp: PathBuf,
    path: PathBuf,
}

impl AtomicFile {
    fn create(path: &Path) -> Result<AtomicFile> {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.tmp"));
        let file = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        Ok(AtomicFile {
            writer: Some(BufWriter::new(file)),
            tmp,
            path: path.to_path_buf(),
        })
    }

    fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer
            .as_mut()
            .expect("an atomic file is written before it is committed")
    }

    fn commit(mut self) -> Result<()> {
        let writer = self
            .writer
            .take()
            .expect("an atomic file is committed once");
        let result = finish(writer, &self.tmp, &self.path);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result
    }
}

/// Flushes and syncs a temporary file, then renames it to its final name.
fn finish(writer: BufWriter<File>, tmp: &Path, path: &Path) -> Result<()> {
    let file = writer
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", tmp.display()))?;
    file.sync_all()
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}

impl Drop for AtomicFile {
    /// An uncommitted file's temporary is removed; a committed one is already renamed.
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{base_name, csv, xml};

    #[test]
    fn xml_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(xml("Badr"), "Badr");
        assert_eq!(
            xml("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;"
        );
        assert_eq!(xml("a\u{0}b\u{1b}c\u{fffe}d"), "abcd");
        assert_eq!(xml("a\tb\nc"), "a&#9;b&#10;c");
        assert_eq!(xml("Ḥadi ☪ 𝔸"), "Ḥadi ☪ 𝔸");
    }

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(csv("Badr Organization"), "Badr Organization");
        assert_eq!(csv("Smith, John"), "\"Smith, John\"");
        assert_eq!(csv(r#"say "no""#), r#""say ""no""""#);
        assert_eq!(csv("two\nlines"), "\"two lines\"");
        assert_eq!(csv(""), "\"\"");
        assert_eq!(csv(" padded"), "\" padded\"");
    }

    #[test]
    fn base_names_of_paths() {
        assert_eq!(base_name("/a/b/c.txt"), "c.txt");
        assert_eq!(base_name("c.txt"), "c.txt");
        assert_eq!(base_name("<stdin>"), "<stdin>");
    }
}
