use super::*;
use model::{
    Date, Diagnostic, Document, DocumentMeta, Format, Locator, Paragraph, ParagraphRole, Sentence,
    Span,
};
use proptest::prelude::*;
use std::time::Instant;

fn file(path: &str) -> FileRecord {
    FileRecord {
        path: path.to_string(),
        content_hash: format!("hash of {path}"),
        size: 1234,
        format: Format::Text,
        ingested_at: 1_700_000_000,
        pipeline_version: "p1".to_string(),
        kb_version: "kb1".to_string(),
    }
}

/// Builds a document from paragraphs given as (role, sentences): paragraphs joined by a blank
/// line, sentences by a space, spans computed.
fn build(index: u32, meta: DocumentMeta, paragraphs: &[(ParagraphRole, Vec<String>)]) -> Document {
    let mut doc = Document {
        index,
        meta,
        ..Document::default()
    };
    for (p_idx, (role, sentences)) in paragraphs.iter().enumerate() {
        if p_idx > 0 {
            doc.text.push_str("\n\n");
        }
        let p_start = doc.text.len();
        for (s_idx, s) in sentences.iter().enumerate() {
            if s_idx > 0 {
                doc.text.push(' ');
            }
            let s_start = doc.text.len();
            doc.text.push_str(s);
            doc.sentences.push(Sentence {
                span: Span::new(s_start, doc.text.len()),
                paragraph_idx: p_idx as u32,
            });
        }
        doc.paragraphs.push(Paragraph {
            span: Span::new(p_start, doc.text.len()),
            role: *role,
        });
    }
    doc
}

/// A document with every role, every meta field, and text outside ASCII.
fn full_document(index: u32) -> Document {
    let meta = DocumentMeta {
        title: Some("Badr leads the council".to_string()),
        outlet: Some("The Gazette".to_string()),
        author: Some("Zoë Ångström".to_string()),
        date: Date::new(2017, 7, 31),
        url: Some("https://example.org/a?b=c&d=é".to_string()),
    };
    let s = |t: &str| t.to_string();
    build(
        index,
        meta,
        &[
            (ParagraphRole::Headline, vec![s("Badr leads the council")]),
            (
                ParagraphRole::Subtitle,
                vec![s("A standfirst — with dashes.")],
            ),
            (ParagraphRole::Dateline, vec![s("July 31, 2017")]),
            (ParagraphRole::Credit, vec![s("By Zoë Ångström")]),
            (ParagraphRole::Caption, vec![s("Photo: 日本語 caption.")]),
            (
                ParagraphRole::Body,
                vec![s("Badr leads."), s("He said so\0 twice."), s("")],
            ),
            (ParagraphRole::Body, vec![]),
        ],
    )
}

/// Writes one file with its documents and diagnostics, finished and committed.
fn write(
    store: &mut Store,
    record: &FileRecord,
    docs: &[(Locator, Document)],
    diagnostics: &[Diagnostic],
) -> FileId {
    let mut batch = store.begin().unwrap();
    let id = batch.start_file(record).unwrap();
    for (locator, doc) in docs {
        batch.add_document(id, *locator, doc).unwrap();
    }
    for d in diagnostics {
        batch.add_diagnostic(id, d).unwrap();
    }
    let summary = FileSummary {
        n_documents: docs.len() as u64,
        n_sentences: docs.iter().map(|(_, d)| d.sentences.len() as u64).sum(),
        n_words: docs.iter().map(|(_, d)| d.n_words() as u64).sum(),
        n_errors: 0,
        n_warnings: diagnostics.len() as u64,
    };
    batch.finish_file(id, &summary).unwrap();
    batch.commit().unwrap();
    id
}

fn read_all(store: &Store) -> Vec<(String, Locator, Document)> {
    let mut out = Vec::new();
    store
        .for_each_stored_document(|s| {
            out.push((s.path.to_string(), s.record, s.document.clone()));
            Ok(())
        })
        .unwrap();
    out
}

/// A database file at schema `version` (the first `version` migrations applied), holding
/// the rows `rows` (SQL) inserts; the folder is kept alive by the returned guard.
fn old_database(version: u32, rows: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    for step in &schema::MIGRATIONS[..version as usize] {
        step.apply(&conn).unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
    conn.execute_batch(rows).unwrap();
    (dir, db)
}

fn paths(store: &Store) -> Vec<String> {
    let mut paths: Vec<String> = store.file_states().unwrap().into_keys().collect();
    paths.sort();
    paths
}

#[test]
fn open_migrates_and_reopen_keeps_version_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxymap.db");
    {
        let mut store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::known_version());
        write(
            &mut store,
            &file("a.txt"),
            &[(Locator::Whole, full_document(0))],
            &[],
        );
    }
    for store in [
        Store::open(&db).unwrap(),
        Store::open_existing(&db).unwrap(),
    ] {
        assert_eq!(store.schema_version().unwrap(), schema::known_version());
        assert_eq!(
            read_all(&store),
            vec![("a.txt".to_string(), Locator::Whole, full_document(0))]
        );
    }
}

#[test]
fn a_version_7_database_moves_its_paragraph_and_sentence_rows_into_documents() {
    let (_dir, db) = old_database(
        7,
        "INSERT INTO files (id, path, content_hash, size, format, ingested_at, \
             pipeline_version, kb_version, n_documents, n_errors) \
             VALUES (1, 'a.txt', 'h', 1, 'text', 0, 'p', 'k', 1, 0);
             INSERT INTO documents (id, file_id, idx, record_kind, record_ordinal, title, \
             text, n_words) VALUES (7, 1, 0, 'whole', 0, 'Title', \
             'Title\n\nOkafor leads the Guard. Rain fell.', 7);
             INSERT INTO paragraphs VALUES (7, 0, 0, 5, 'headline'), (7, 1, 7, 41, 'body');
             INSERT INTO sentences VALUES (7, 0, 0, 0, 5), (7, 1, 1, 7, 30), (7, 2, 1, 31, 41);
             INSERT INTO claims (document_id, idx, subject, predicate, object, modality, \
             first_sentence, last_sentence, evidence_start, evidence_end, mentions, rule, \
             confidence) VALUES (7, 0, 0, 'leads', 1, 'asserted', 2, 2, 31, 41, '0,1,-,-', \
             'test', 1.0);",
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::known_version());
    let docs = read_all(&store);
    let doc = &docs[0].2;
    let spans = |v: Vec<(usize, usize)>| {
        v.into_iter()
            .map(|(a, b)| Span::new(a, b))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        doc.paragraphs
            .iter()
            .map(|p| (p.span, p.role))
            .collect::<Vec<_>>(),
        vec![
            (Span::new(0, 5), ParagraphRole::Headline),
            (Span::new(7, 41), ParagraphRole::Body)
        ]
    );
    assert_eq!(
        doc.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
        spans(vec![(0, 5), (7, 30), (31, 41)])
    );
    assert_eq!(
        doc.sentences
            .iter()
            .map(|s| s.paragraph_idx)
            .collect::<Vec<_>>(),
        [0, 1, 1]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.paragraphs, stats.sentences), (2, 3));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let paragraph: Option<u32> = conn
        .query_row("SELECT paragraph_idx FROM claims", [], |row| row.get(0))
        .unwrap();
    assert_eq!(paragraph, Some(1));
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('paragraphs', 'sentences')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
}

#[test]
fn a_corrupt_spans_blob_is_an_error_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxymap.db");
    {
        let mut store = Store::open(&db).unwrap();
        write(
            &mut store,
            &file("a.txt"),
            &[(Locator::Whole, full_document(0))],
            &[],
        );
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    for blob in [
        &b""[..],
        b"\x01\x05",
        b"\x01\x01\x00\xff\xff\xff\x0f\x00\x00",
    ] {
        conn.execute("UPDATE documents SET spans = ?1", [blob])
            .unwrap();
        let store = Store::open(&db).unwrap();
        let err = store.for_each_document(|_, _| Ok(())).unwrap_err();
        assert!(
            matches!(err, StoreError::Corrupt { what: "spans", .. }),
            "{err}"
        );
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxymap.db");
    drop(Store::open(&db).unwrap());
    let newer = schema::known_version() + 5;
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    for result in [Store::open(&db), Store::open_existing(&db)] {
        let err = result.err().expect("a newer schema must be refused");
        assert!(matches!(err, StoreError::TooNew { found, .. } if found == newer));
        assert_eq!(
            err.to_string(),
            format!(
                "{}: schema version {newer} is newer than this build knows ({}): upgrade proxymap",
                db.display(),
                schema::known_version()
            )
        );
    }
}

#[test]
fn open_existing_needs_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.db");
    let err = Store::open_existing(&db).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no database here: run `proxymap ingest` first",
            db.display()
        )
    );
    assert!(!db.exists(), "open_existing must not create the file");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "these are not the pages of a database, ".repeat(100)).unwrap();
    let err = Store::open(&db).err().unwrap();
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot open database: ", db.display())),
        "{err}"
    );
}

#[test]
fn documents_round_trip_in_full_with_every_locator() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = vec![
        (Locator::Whole, full_document(0)),
        (Locator::Line(7), full_document(1)),
        (
            Locator::Record {
                index: 3,
                offset: 1 << 40,
            },
            full_document(2),
        ),
        (Locator::Line(u64::MAX >> 1), Document::default()),
    ];
    let docs: Vec<_> = docs
        .into_iter()
        .enumerate()
        .map(|(i, (l, mut d))| {
            d.index = i as u32;
            (l, d)
        })
        .collect();
    write(&mut store, &file("b.jsonl"), &docs, &[]);
    write(&mut store, &file("a.txt"), &docs[..1], &[]);

    let expected: Vec<_> = std::iter::once(("a.txt".to_string(), docs[0].0, docs[0].1.clone()))
        .chain(
            docs.iter()
                .map(|(l, d)| ("b.jsonl".to_string(), *l, d.clone())),
        )
        .collect();
    assert_eq!(read_all(&store), expected);

    let mut plain = Vec::new();
    store
        .for_each_document(|path, d| {
            plain.push((path.to_string(), d.index));
            Ok(())
        })
        .unwrap();
    assert_eq!(
        plain,
        [
            ("a.txt", 0),
            ("b.jsonl", 0),
            ("b.jsonl", 1),
            ("b.jsonl", 2),
            ("b.jsonl", 3)
        ]
        .map(|(p, i)| (p.to_string(), i))
    );
}

#[test]
fn any_number_of_rows_round_trips() {
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = (0..=70)
        .map(|n| {
            let sentences = (0..n).map(|i| format!("S{i}.")).collect();
            let paragraphs: Vec<_> = (0..n % 40)
                .map(|i| (ParagraphRole::ALL[i % ParagraphRole::ALL.len()], vec![]))
                .chain([(ParagraphRole::Body, sentences)])
                .collect();
            (
                Locator::Line(n as u64),
                build(n as u32, DocumentMeta::default(), &paragraphs),
            )
        })
        .collect();
    write(&mut store, &file("many.jsonl"), &docs, &[]);
    let expected: Vec<_> = docs
        .into_iter()
        .map(|(l, d)| ("many.jsonl".to_string(), l, d))
        .collect();
    assert_eq!(read_all(&store), expected);
}

#[test]
fn documents_come_back_ordered_by_path_then_index() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = store.begin().unwrap();
    for path in ["z.txt", "a/b.txt", "a.txt"] {
        let id = batch.start_file(&file(path)).unwrap();
        for index in [2, 0, 1] {
            let mut doc = full_document(index);
            doc.meta.title = Some(format!("{path} {index}"));
            batch.add_document(id, Locator::Whole, &doc).unwrap();
        }
    }
    batch.commit().unwrap();
    let order: Vec<_> = read_all(&store)
        .into_iter()
        .map(|(_, _, d)| d.meta.title.unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "a.txt 0",
            "a.txt 1",
            "a.txt 2",
            "a/b.txt 0",
            "a/b.txt 1",
            "a/b.txt 2",
            "z.txt 0",
            "z.txt 1",
            "z.txt 2"
        ]
    );
}

#[test]
fn diagnostics_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let diagnostics = vec![
        Diagnostic::warning(Locator::Whole, "lossy decode: 3 bytes replaced"),
        Diagnostic::error(Locator::Line(12), "not a JSON object"),
        Diagnostic::warning(
            Locator::Record {
                index: 4,
                offset: 999,
            },
            "no body",
        ),
    ];
    write(&mut store, &file("w.warc"), &[], &diagnostics);
    let mut read = Vec::new();
    store
        .for_each_diagnostic(|path, d| {
            read.push((path.to_string(), d.clone()));
            Ok(())
        })
        .unwrap();
    let expected: Vec<_> = diagnostics
        .into_iter()
        .map(|d| ("w.warc".to_string(), d))
        .collect();
    assert_eq!(read, expected);
}

#[test]
fn start_file_on_an_existing_path_replaces_its_content() {
    let mut store = Store::open_in_memory().unwrap();
    let old = [
        (Locator::Line(1), full_document(0)),
        (Locator::Line(2), full_document(1)),
    ];
    write(
        &mut store,
        &file("a.jsonl"),
        &old,
        &[Diagnostic::error(Locator::Line(3), "bad line")],
    );
    write(&mut store, &file("other.txt"), &old[..1], &[]);

    let mut new_doc = build(
        0,
        DocumentMeta::default(),
        &[(ParagraphRole::Body, vec!["Only this.".to_string()])],
    );
    new_doc.meta.outlet = Some("New".to_string());
    let record = FileRecord {
        content_hash: "new hash".to_string(),
        ..file("a.jsonl")
    };
    write(
        &mut store,
        &record,
        &[(Locator::Line(1), new_doc.clone())],
        &[],
    );

    let per_doc = full_document(0);
    let stats = store.stats().unwrap();
    assert_eq!(stats.files, 2);
    assert_eq!(stats.documents, 2);
    assert_eq!(stats.paragraphs, per_doc.paragraphs.len() as u64 + 1);
    assert_eq!(stats.sentences, per_doc.sentences.len() as u64 + 1);
    assert_eq!(stats.diagnostics, 0);
    assert_eq!(
        read_all(&store),
        vec![
            ("a.jsonl".to_string(), Locator::Line(1), new_doc),
            ("other.txt".to_string(), Locator::Line(1), full_document(0)),
        ]
    );
    assert_eq!(
        store.file_states().unwrap()["a.jsonl"].content_hash,
        "new hash"
    );
}

#[test]
fn a_dropped_batch_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    write(
        &mut store,
        &file("kept.txt"),
        &[(Locator::Whole, full_document(0))],
        &[],
    );
    let before = (store.stats().unwrap(), read_all(&store));
    {
        let mut batch = store.begin().unwrap();
        let id = batch.start_file(&file("new.txt")).unwrap();
        batch
            .add_document(id, Locator::Whole, &full_document(0))
            .unwrap();
        // Restarting a kept file deletes its rows inside the batch: they must come back.
        let kept = batch.start_file(&file("kept.txt")).unwrap();
        batch
            .add_diagnostic(kept, &Diagnostic::error(Locator::Whole, "oops"))
            .unwrap();
        batch.finish_file(id, &FileSummary::default()).unwrap();
    }
    assert_eq!((store.stats().unwrap(), read_all(&store)), before);
}

#[test]
fn a_dropped_batch_on_disk_leaves_the_file_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("proxymap.db");
    let mut store = Store::open(&db).unwrap();
    write(
        &mut store,
        &file("kept.txt"),
        &[(Locator::Whole, full_document(0))],
        &[],
    );
    {
        let mut batch = store.begin().unwrap();
        batch.start_file(&file("kept.txt")).unwrap();
        batch.start_file(&file("new.txt")).unwrap();
    }
    drop(store);
    let store = Store::open_existing(&db).unwrap();
    assert_eq!(paths(&store), ["kept.txt"]);
    assert_eq!(read_all(&store).len(), 1);
}

#[test]
fn prune_deletes_unseen_files_under_the_roots_only() {
    let mut store = Store::open_in_memory().unwrap();
    let all = [
        "corpus",
        "corpus/a.txt",
        "corpus/sub/b.txt",
        "corpus/sub/seen.txt",
        "corpus2/c.txt",
        "corpus.txt",
        "corpus0",
        "other/d.txt",
        "/abs/e.txt",
        "trailing/f.txt",
    ];
    for path in all {
        write(
            &mut store,
            &file(path),
            &[(Locator::Whole, full_document(0))],
            &[Diagnostic::warning(Locator::Whole, "w")],
        );
    }
    let roots = [
        "corpus".to_string(),
        "trailing/".to_string(),
        "/abs".to_string(),
    ];
    let seen: HashSet<String> = ["corpus/sub/seen.txt".to_string()].into();
    assert_eq!(store.prune(&roots, &seen).unwrap(), 5);
    assert_eq!(
        paths(&store),
        [
            "corpus.txt",
            "corpus/sub/seen.txt",
            "corpus0",
            "corpus2/c.txt",
            "other/d.txt"
        ]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.diagnostics), (5, 5));
    assert_eq!(store.prune(&roots, &seen).unwrap(), 0);
    assert_eq!(store.prune(&[], &HashSet::new()).unwrap(), 0);
}

#[test]
fn stats_count_everything() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            schema_version: schema::known_version(),
            ..Stats::default()
        }
    );
    let doc = full_document(0);
    write(
        &mut store,
        &file("a.txt"),
        &[(Locator::Whole, doc.clone())],
        &[],
    );
    write(
        &mut store,
        &FileRecord {
            format: Format::JsonLines,
            ..file("b.jsonl")
        },
        &[
            (Locator::Line(1), doc.clone()),
            (Locator::Line(2), {
                let mut d = doc.clone();
                d.index = 1;
                d
            }),
        ],
        &[
            Diagnostic::error(Locator::Line(3), "bad"),
            Diagnostic::warning(Locator::Line(4), "odd"),
        ],
    );
    write(
        &mut store,
        &file("c.txt"),
        &[],
        &[Diagnostic::warning(Locator::Whole, "empty")],
    );
    let mut batch = store.begin().unwrap();
    let id = batch
        .start_file(&FileRecord {
            format: Format::Html,
            ..file("d.html")
        })
        .unwrap();
    batch
        .finish_file(
            id,
            &FileSummary {
                n_errors: 1,
                ..FileSummary::default()
            },
        )
        .unwrap();
    batch.commit().unwrap();

    let n = |v: usize| v as u64;
    assert_eq!(
        store.stats().unwrap(),
        Stats {
            files: 4,
            documents: 3,
            paragraphs: 3 * n(doc.paragraphs.len()),
            sentences: 3 * n(doc.sentences.len()),
            words: 3 * n(doc.n_words()),
            diagnostics: 3,
            files_with_errors: 2,
            schema_version: schema::known_version(),
            by_format: vec![
                ("html".to_string(), 1),
                ("jsonl".to_string(), 1),
                ("text".to_string(), 2)
            ],
        }
    );
}

#[test]
fn file_states_list_finished_files_only() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, &file("done.txt"), &[], &[]);
    let mut batch = store.begin().unwrap();
    batch.start_file(&file("started.txt")).unwrap();
    batch.commit().unwrap();
    let states = store.file_states().unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!(
        states["done.txt"],
        FileState {
            content_hash: "hash of done.txt".to_string(),
            pipeline_version: "p1".to_string(),
            kb_version: "kb1".to_string(),
            n_errors: 0,
        }
    );
}

#[test]
fn an_invalid_document_is_refused_and_the_batch_goes_on() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = store.begin().unwrap();
    let id = batch.start_file(&file("a.txt")).unwrap();
    let good = full_document(0);
    let mut bad = Vec::new();
    let mut d = good.clone();
    d.paragraphs[0].span.end = d.text.len() as u32 + 1;
    bad.push(d);
    let mut d = good.clone();
    d.sentences[0].paragraph_idx = 99;
    bad.push(d);
    let mut d = good.clone();
    d.sentences.swap(0, 1);
    bad.push(d);
    let mut d = good.clone();
    let author = d.text.find('ë').unwrap() as u32;
    d.sentences[3].span.start = author + 1; // inside the two bytes of 'ë'
    bad.push(d);
    for d in &bad {
        let err = batch.add_document(id, Locator::Whole, d).unwrap_err();
        assert!(matches!(err, StoreError::InvalidDocument { .. }), "{err}");
    }
    batch.add_document(id, Locator::Whole, &good).unwrap();
    batch.commit().unwrap();
    assert_eq!(
        read_all(&store),
        vec![("a.txt".to_string(), Locator::Whole, good)]
    );
}

#[test]
fn bad_ids_and_numbers_are_errors() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = store.begin().unwrap();
    let id = batch.start_file(&file("a.txt")).unwrap();
    let err = batch
        .finish_file(FileId(id.0 + 100), &FileSummary::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownFile { .. }), "{err}");
    let err = batch
        .add_document(FileId(id.0 + 100), Locator::Whole, &full_document(0))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(":memory:: inserting a document: "),
        "{err}"
    );
    let err = batch
        .add_document(id, Locator::Line(u64::MAX), &full_document(0))
        .unwrap_err();
    assert!(matches!(err, StoreError::OutOfRange { .. }), "{err}");
    let err = batch
        .add_document(id, Locator::Whole, &full_document(0))
        .and_then(|_| batch.add_document(id, Locator::Whole, &full_document(0)))
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
}

#[test]
fn a_callback_error_stops_the_walk_and_comes_back() {
    let mut store = Store::open_in_memory().unwrap();
    let docs: Vec<_> = (0..3).map(|i| (Locator::Whole, full_document(i))).collect();
    write(&mut store, &file("a.txt"), &docs, &[]);
    let mut calls = 0;
    let err = store
        .for_each_document(|_, _| {
            calls += 1;
            Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe).into())
        })
        .unwrap_err();
    assert_eq!(calls, 1);
    assert!(matches!(err, StoreError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe));
}

/// Many documents through one store. Asserts counts only; prints the rate. Size it with
/// `STORE_BULK_DOCS` (e.g. `STORE_BULK_DOCS=100000 cargo test -p store --release bulk --
/// --nocapture`).
#[test]
fn bulk_insert_keeps_every_row() {
    let n_docs: usize = std::env::var("STORE_BULK_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    const DOCS_PER_FILE: usize = 1_000;
    const FILES_PER_BATCH: usize = 10;
    const PARAGRAPHS: usize = 5;
    const SENTENCES_PER_PARAGRAPH: usize = 4;
    let sentence = |i: usize| format!("Sentence number {i} says that Badr leads the council.");
    let paragraphs: Vec<_> = (0..PARAGRAPHS)
        .map(|p| {
            let role = if p == 0 {
                ParagraphRole::Headline
            } else {
                ParagraphRole::Body
            };
            let sentences = (0..SENTENCES_PER_PARAGRAPH)
                .map(|s| sentence(p * SENTENCES_PER_PARAGRAPH + s))
                .collect();
            (role, sentences)
        })
        .collect();
    let template = build(0, DocumentMeta::default(), &paragraphs);

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
    let started = Instant::now();
    let n_files = n_docs.div_ceil(DOCS_PER_FILE);
    let mut doc = template.clone();
    for batch_files in (0..n_files).collect::<Vec<_>>().chunks(FILES_PER_BATCH) {
        let mut batch = store.begin().unwrap();
        for &f in batch_files {
            let id = batch
                .start_file(&file(&format!("corpus/{f:06}.jsonl")))
                .unwrap();
            let in_file = DOCS_PER_FILE.min(n_docs - f * DOCS_PER_FILE);
            for i in 0..in_file {
                doc.index = i as u32;
                batch
                    .add_document(id, Locator::Line(i as u64 + 1), &doc)
                    .unwrap();
            }
            batch.finish_file(id, &FileSummary::default()).unwrap();
        }
        batch.commit().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();

    let n_sentences = n_docs * template.sentences.len();
    eprintln!(
        "bulk: {n_docs} documents, {n_sentences} sentences in {elapsed:.2} s: \
         {:.0} documents/s, {:.0} sentence rows/s",
        n_docs as f64 / elapsed,
        n_sentences as f64 / elapsed
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.files, n_files as u64);
    assert_eq!(stats.documents, n_docs as u64);
    assert_eq!(stats.paragraphs, (n_docs * PARAGRAPHS) as u64);
    assert_eq!(stats.sentences, n_sentences as u64);
    assert_eq!(stats.words, (n_docs * template.n_words()) as u64);
}

fn arb_role() -> impl Strategy<Value = ParagraphRole> {
    prop::sample::select(ParagraphRole::ALL.to_vec())
}

fn arb_locator() -> impl Strategy<Value = Locator> {
    let n = 0..=i64::MAX as u64;
    prop_oneof![
        Just(Locator::Whole),
        n.clone().prop_map(Locator::Line),
        (n.clone(), n).prop_map(|(index, offset)| Locator::Record { index, offset }),
    ]
}

fn arb_meta() -> impl Strategy<Value = DocumentMeta> {
    let field = || prop::option::of("\\PC{0,16}");
    let date = (1000u16..3000, 1u8..=12, 1u8..=31)
        .prop_filter_map("no such day", |(y, m, d)| Date::new(y, m, d));
    (field(), field(), field(), prop::option::of(date), field()).prop_map(
        |(title, outlet, author, date, url)| DocumentMeta {
            title,
            outlet,
            author,
            date,
            url,
        },
    )
}

fn arb_document() -> impl Strategy<Value = (Locator, Document)> {
    let paragraph = (arb_role(), prop::collection::vec("\\PC{0,12}", 0..4));
    (
        arb_locator(),
        arb_meta(),
        prop::collection::vec(paragraph, 0..6),
    )
        .prop_map(|(locator, meta, paragraphs)| (locator, build(0, meta, &paragraphs)))
}

proptest! {
    #[test]
    fn arbitrary_documents_round_trip(docs in prop::collection::vec(arb_document(), 0..4)) {
        let mut store = Store::open_in_memory().unwrap();
        let docs: Vec<_> = docs
            .into_iter()
            .enumerate()
            .map(|(i, (l, mut d))| {
                d.index = i as u32;
                (l, d)
            })
            .collect();
        write(&mut store, &file("f"), &docs, &[]);
        let expected: Vec<_> = docs.into_iter().map(|(l, d)| ("f".to_string(), l, d)).collect();
        prop_assert_eq!(read_all(&store), expected);
    }
}

mod entities {
    use super::*;
    use model::{
        CorpusRule, DocEntities, EntityId, EntityKind, EntryId, JoinRule, LocalEntity, Mention,
        MentionRule, Name,
    };

    fn name(surface: &str, n: u32, short_form: bool) -> Name {
        Name {
            surface: surface.into(),
            n_mentions: n,
            short_form,
        }
    }

    /// "Gen. Ruth Okafor met Lars Bekele. Okafor left." with its mentions and entities.
    fn resolved() -> (Document, Vec<Mention>, DocEntities) {
        let doc = build(
            0,
            DocumentMeta::default(),
            &[(
                ParagraphRole::Body,
                vec![
                    "Gen. Ruth Okafor met Lars Bekele.".into(),
                    "Okafor left.".into(),
                ],
            )],
        );
        let mention = |a, b, s| Mention {
            span: Span::new(a, b),
            sentence_idx: s,
            kind: EntityKind::Person,
            rule: MentionRule::PersonCue,
            linked: None,
        };
        let mentions = vec![mention(5, 16, 0), mention(21, 32, 0), mention(34, 40, 1)];
        let local = DocEntities {
            entities: vec![
                LocalEntity {
                    names: vec![name("Okafor", 1, true), name("Ruth Okafor", 1, false)],
                    kind: EntityKind::Person,
                    kind_counts: [2, 0, 0, 0],
                    kb_entry: Some(EntryId(7)),
                    mentions: vec![(0, JoinRule::Founder), (2, JoinRule::ShortForm)],
                },
                LocalEntity {
                    names: vec![name("Lars Bekele", 1, false)],
                    kind: EntityKind::Person,
                    kind_counts: [1, 0, 0, 0],
                    kb_entry: None,
                    mentions: vec![(1, JoinRule::Founder)],
                },
            ],
            entity_of_mention: vec![0, 1, 0],
        };
        (doc, mentions, local)
    }

    fn ingest(store: &mut Store) -> DocumentId {
        let (doc, mentions, local) = resolved();
        let mut batch = store.begin().unwrap();
        let f = batch.start_file(&file("a.txt")).unwrap();
        let n = doc.n_words() as u64;
        let d = batch
            .add_counted_document(f, Locator::Whole, &doc, n)
            .unwrap();
        let encoded = EncodedEntities::encode(&mentions, &local, &|id| format!("entry {}", id.0));
        batch.add_entities(d, &encoded).unwrap();
        batch.finish_file(f, &FileSummary::default()).unwrap();
        batch.commit().unwrap();
        d
    }

    #[test]
    fn local_entities_read_back_with_their_entries_found_by_name() {
        let mut store = Store::open_in_memory().unwrap();
        let d = ingest(&mut store);
        let mut seen = Vec::new();
        store
            .for_each_local_entities(
                &|name| (name == "entry 7").then_some(EntryId(3)),
                |doc, ents| {
                    seen.push((doc, ents));
                    Ok(())
                },
            )
            .unwrap();
        let (_, _, mut local) = resolved();
        local.entities[0].kb_entry = Some(EntryId(3));
        for e in &mut local.entities {
            e.mentions.clear();
        }
        local.entity_of_mention.clear();
        assert_eq!(seen, vec![(d, local)]);
    }

    #[test]
    fn the_corpus_is_stale_until_replaced_and_again_after_a_file_changes() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.corpus_is_stale("kb1").unwrap());
        let d = ingest(&mut store);
        let okafor = EntityRecord {
            id: EntityId(u64::MAX - 1),
            name: "Ruth Okafor".into(),
            kind: EntityKind::Person,
            kb_entry: Some("entry 7".into()),
            n_mentions: 2,
            n_documents: 1,
            names: vec![
                ("Ruth Okafor".into(), "ruth okafor".into()),
                ("Okafor".into(), "okafor".into()),
            ],
        };
        let links = [LinkRecord {
            document: d,
            local_idx: 0,
            entity: okafor.id,
            rule: CorpusRule::Alone,
        }];
        let mut batch = store.begin().unwrap();
        batch
            .replace_corpus(std::slice::from_ref(&okafor), &links, "kb1")
            .unwrap();
        batch.commit().unwrap();
        assert!(!store.corpus_is_stale("kb1").unwrap());
        assert!(store.corpus_is_stale("kb2").unwrap());

        let listed = store.entities(None, Some("oka")).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].id, listed[0].aliases.clone()),
            (okafor.id, vec!["Okafor".to_string()])
        );
        assert!(store
            .entities(Some(EntityKind::Org), None)
            .unwrap()
            .is_empty());
        assert_eq!(store.find_entities("okafor").unwrap(), [okafor.id]);

        let mentions = store.entity_mentions(okafor.id).unwrap();
        let seen: Vec<(&str, &str, JoinRule)> = mentions
            .iter()
            .map(|m| (m.surface.as_str(), m.sentence.as_str(), m.join_rule))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Ruth Okafor",
                    "Gen. Ruth Okafor met Lars Bekele.",
                    JoinRule::Founder
                ),
                ("Okafor", "Okafor left.", JoinRule::ShortForm)
            ]
        );

        ingest(&mut store);
        assert!(store.corpus_is_stale("kb1").unwrap());
        assert_eq!(store.entity_counts().unwrap(), (3, 2, 1));
    }

    #[test]
    fn claims_read_back_with_their_entities_names_and_evidence() {
        let mut store = Store::open_in_memory().unwrap();
        let d = ingest(&mut store);
        let entity = |id: u64, name: &str| EntityRecord {
            id: EntityId(id),
            name: name.into(),
            kind: EntityKind::Person,
            kb_entry: None,
            n_mentions: 1,
            n_documents: 1,
            names: vec![(name.into(), name.to_lowercase())],
        };
        let link = |local_idx, id| LinkRecord {
            document: d,
            local_idx,
            entity: EntityId(id),
            rule: CorpusRule::Alone,
        };
        let claim = ClaimRecord {
            subject: 0,
            predicate: "meets".into(),
            object: 1,
            modality: "asserted".into(),
            source: None,
            place: None,
            time: Some("2019-05".into()),
            count: None,
            role: None,
            means: None,
            kind: None,
            as_what: None,
            sentences: (0, 0),
            evidence: Span::new(0, 33),
            mentions: (0, 1, None, None),
            rule: "verb_meets".into(),
            confidence: 0.8,
        };
        let mut batch = store.begin().unwrap();
        batch
            .add_claims(d, &resolved().0, std::slice::from_ref(&claim))
            .unwrap();
        batch
            .replace_corpus(
                &[entity(1, "Ruth Okafor"), entity(2, "Lars Bekele")],
                &[link(0, 1), link(1, 2)],
                "kb1",
            )
            .unwrap();
        batch.commit().unwrap();

        let all = store.claims(&ClaimFilter::default()).unwrap();
        assert_eq!(all.len(), 1);
        let c = &all[0];
        assert_eq!(
            (
                c.subject.name.as_str(),
                c.predicate.as_str(),
                c.object.name.as_str()
            ),
            ("Ruth Okafor", "meets", "Lars Bekele")
        );
        assert_eq!(c.evidence, "Gen. Ruth Okafor met Lars Bekele.");
        assert_eq!(
            (c.time.as_deref(), c.rule.as_str()),
            (Some("2019-05"), "verb_meets")
        );
        let none = ClaimFilter {
            subjects: Some(vec![EntityId(2)]),
            ..ClaimFilter::default()
        };
        assert!(store.claims(&none).unwrap().is_empty());
        let by_predicate = ClaimFilter {
            predicate: Some("meets".into()),
            ..ClaimFilter::default()
        };
        assert_eq!(store.claims(&by_predicate).unwrap().len(), 1);
        assert_eq!(store.claim_count().unwrap(), 1);
    }
}

mod network {
    use super::*;
    use model::{CorpusRule, EntityId, EntityKind};

    #[test]
    fn a_version_4_database_migrates_to_the_network_schema_with_its_data() {
        let (_dir, db) = old_database(
            4,
            "INSERT INTO files (path, content_hash, size, format, ingested_at, \
             pipeline_version, kb_version, n_documents, n_errors) \
             VALUES ('a.txt', 'h', 1, 'text', 0, 'p', 'k', 0, 0)",
        );
        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::known_version());
        assert_eq!(paths(&store), ["a.txt"]);
        assert_eq!(store.edge_count().unwrap(), 0);
        assert!(store.edges(&EdgeFilter::default()).unwrap().is_empty());
    }

    /// Entities 1 (Ruth Okafor), 2 (Lars Bekele), 3 (Harbor Guard) as local entities 0,
    /// 1, 2 of every document.
    const ENTITIES: [(u64, &str); 3] =
        [(1, "Ruth Okafor"), (2, "Lars Bekele"), (3, "Harbor Guard")];

    fn claim(subject: u32, predicate: &str, object: u32, sentence: u32) -> ClaimRecord {
        ClaimRecord {
            subject,
            predicate: predicate.into(),
            object,
            modality: "asserted".into(),
            source: None,
            place: None,
            time: None,
            count: None,
            role: None,
            means: None,
            kind: None,
            as_what: None,
            sentences: (sentence, sentence),
            evidence: Span::new(0, 0),
            mentions: (0, 0, None, None),
            rule: "test".into(),
            confidence: 1.0,
        }
    }

    /// Writes document `name` of `outlet` with paragraphs "Okafor met Bekele." and "Okafor
    /// leads the Harbor Guard.", and `claims`.
    fn add(store: &mut Store, name: &str, outlet: &str, claims: &[ClaimRecord]) -> DocumentId {
        let meta = DocumentMeta {
            outlet: Some(outlet.into()),
            date: Date::new(2019, 1, 1),
            ..DocumentMeta::default()
        };
        let doc = build(
            0,
            meta,
            &[
                (ParagraphRole::Body, vec!["Okafor met Bekele.".into()]),
                (
                    ParagraphRole::Body,
                    vec!["Okafor leads the Harbor Guard.".into()],
                ),
            ],
        );
        let mut claims = claims.to_vec();
        for c in &mut claims {
            let s = doc.sentences[c.sentences.0 as usize].span;
            c.evidence = s;
        }
        let mut batch = store.begin().unwrap();
        let f = batch.start_file(&file(name)).unwrap();
        let d = batch
            .add_counted_document(f, Locator::Whole, &doc, doc.n_words() as u64)
            .unwrap();
        batch.add_claims(d, &doc, &claims).unwrap();
        batch.finish_file(f, &FileSummary::default()).unwrap();
        batch.commit().unwrap();
        d
    }

    /// Three documents: `a` (Gazette), `b` reprinting it (Courier, its paragraphs not
    /// linked), `c` (Herald) whose first paragraph repeats `a`'s and whose second denies,
    /// as Bekele says, that Okafor leads the Guard. Corpus and duplicates replaced.
    fn corpus(store: &mut Store) -> [DocumentId; 3] {
        let both = [claim(0, "meets", 1, 0), claim(0, "leads", 2, 1)];
        let a = add(store, "a.txt", "Gazette", &both);
        let b = add(store, "b.txt", "Courier", &both);
        let mut denied = claim(0, "leads", 2, 1);
        denied.modality = "denied".into();
        denied.source = Some(1);
        let c = add(store, "c.txt", "Herald", &[claim(1, "meets", 0, 0), denied]);
        let entities: Vec<EntityRecord> = ENTITIES
            .iter()
            .map(|&(id, name)| EntityRecord {
                id: EntityId(id),
                name: name.into(),
                kind: if id == 3 {
                    EntityKind::Org
                } else {
                    EntityKind::Person
                },
                kb_entry: None,
                n_mentions: 3,
                n_documents: 3,
                names: vec![(name.into(), name.to_lowercase())],
            })
            .collect();
        let links: Vec<LinkRecord> = [a, b, c]
            .iter()
            .flat_map(|&document| {
                ENTITIES
                    .iter()
                    .enumerate()
                    .map(move |(i, &(id, _))| LinkRecord {
                        document,
                        local_idx: i as u32,
                        entity: EntityId(id),
                        rule: CorpusRule::Alone,
                    })
            })
            .collect();
        let mut batch = store.begin().unwrap();
        batch.replace_corpus(&entities, &links, "kb1").unwrap();
        let reprint = Reprint {
            document: b,
            canonical: a,
            similarity: 1.0,
        };
        let repeat = Repeat {
            document: c,
            paragraph_idx: 0,
            canonical: a,
            canonical_paragraph_idx: 0,
            similarity: 1.0,
        };
        batch.replace_duplicates(&[reprint], &[repeat]).unwrap();
        batch.commit().unwrap();
        [a, b, c]
    }

    /// A row's claim key, predicate, unit and unit outlet.
    type UnitSeen<'a> = (
        DocumentId,
        u32,
        &'a str,
        DocumentId,
        Option<u32>,
        Option<&'a str>,
    );

    #[test]
    fn network_rows_carry_the_evidence_unit_through_reprints_and_repeats() {
        let mut store = Store::open_in_memory().unwrap();
        let [a, b, c] = corpus(&mut store);
        let mut rows = Vec::new();
        let n = store
            .for_each_network_row(|r| {
                rows.push(r);
                Ok(())
            })
            .unwrap();
        assert_eq!(n, 6);
        let seen: Vec<UnitSeen<'_>> = rows
            .iter()
            .map(|r| {
                (
                    r.document,
                    r.idx,
                    r.predicate.as_str(),
                    r.unit_document,
                    r.unit_paragraph,
                    r.unit_outlet.as_deref(),
                )
            })
            .collect();
        let gazette = Some("Gazette");
        assert_eq!(
            seen,
            [
                (a, 0, "meets", a, Some(0), gazette),
                (a, 1, "leads", a, Some(1), gazette),
                (b, 0, "meets", a, None, gazette),
                (b, 1, "leads", a, None, gazette),
                (c, 0, "meets", a, Some(0), gazette),
                (c, 1, "leads", c, Some(1), Some("Herald")),
            ]
        );
        let denial = &rows[5];
        assert_eq!(
            (denial.subject.name.as_str(), denial.object.name.as_str()),
            ("Ruth Okafor", "Harbor Guard")
        );
        assert_eq!(
            (denial.modality.as_str(), denial.source),
            ("denied", Some(EntityId(2)))
        );
        assert_eq!(denial.date.as_deref(), Some("2019-01-01"));
        // A batch reads its own writes: the same rows before the commit.
        let batch = store.begin().unwrap();
        assert_eq!(batch.for_each_network_row(|_| Ok(())).unwrap(), 6);
    }

    fn unit(document: DocumentId, idx: u32, unit_document: DocumentId, p: u32) -> EdgeClaimRecord {
        EdgeClaimRecord {
            document,
            idx,
            unit_document,
            unit_paragraph: Some(p),
        }
    }

    /// The two edges of [`corpus`], as the network stage would make them.
    fn edges([a, b, c]: [DocumentId; 3]) -> Vec<EdgeRecord> {
        let meets = EdgeRecord {
            subject: EntityId(1),
            predicate: "meets".into(),
            object: EntityId(2),
            symmetric: true,
            summary: EdgeSummary {
                n_evidence: 1,
                modalities: ModalityCounts {
                    asserted: 1,
                    ..ModalityCounts::default()
                },
                n_sources: 1,
                n_outlets: 1,
                single_outlet: true,
                single_source: true,
                strength: 1.0,
                ..EdgeSummary::default()
            },
            claims: vec![unit(a, 0, a, 0), unit(b, 0, a, 0), unit(c, 0, a, 0)],
        };
        let leads = EdgeRecord {
            subject: EntityId(1),
            predicate: "leads".into(),
            object: EntityId(3),
            symmetric: false,
            summary: EdgeSummary {
                n_evidence: 2,
                modalities: ModalityCounts {
                    asserted: 1,
                    denied: 1,
                    ..ModalityCounts::default()
                },
                first_time: Some("2018".into()),
                last_time: Some("2019-03".into()),
                time_bounds: Some((20180101, 20190331)),
                n_sources: 2,
                n_outlets: 2,
                contested: true,
                strength: 0.5,
                ..EdgeSummary::default()
            },
            claims: vec![unit(a, 1, a, 1), unit(b, 1, a, 1), unit(c, 1, c, 1)],
        };
        vec![meets, leads]
    }

    fn listed(store: &Store, filter: EdgeFilter) -> Vec<String> {
        store
            .edges(&filter)
            .unwrap()
            .iter()
            .map(|e| format!("{} {} {}", e.subject.name, e.predicate, e.object.name))
            .collect()
    }

    #[test]
    fn edges_read_back_filtered_and_strongest_first_with_their_claims() {
        let mut store = Store::open_in_memory().unwrap();
        let docs = corpus(&mut store);
        let mut batch = store.begin().unwrap();
        assert_eq!(batch.replace_network(edges(docs)).unwrap(), 2);
        batch.commit().unwrap();
        assert_eq!(store.edge_count().unwrap(), 2);

        let all = store.edges(&EdgeFilter::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].predicate, "meets");
        assert_eq!((all[0].n_claims, all[0].symmetric), (3, true));
        assert_eq!(all[1].summary, edges(docs)[1].summary);
        assert_eq!(store.edge(all[1].id).unwrap().as_ref(), Some(&all[1]));

        let ids = |ids: &[u64]| Some(ids.iter().map(|&i| EntityId(i)).collect());
        let f = EdgeFilter::default;
        let meets = "Ruth Okafor meets Lars Bekele";
        let leads = "Ruth Okafor leads Harbor Guard";
        // A symmetric edge matches from either end.
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    subjects: ids(&[2]),
                    ..f()
                }
            ),
            [meets]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    objects: ids(&[1]),
                    ..f()
                }
            ),
            [meets]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    subjects: ids(&[2]),
                    objects: ids(&[1]),
                    ..f()
                }
            ),
            [meets]
        );
        assert!(listed(
            &store,
            EdgeFilter {
                objects: ids(&[1, 3]),
                subjects: ids(&[3]),
                ..f()
            }
        )
        .is_empty());
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    objects: ids(&[3]),
                    ..f()
                }
            ),
            [leads]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    predicate: Some("leads".into()),
                    ..f()
                }
            ),
            [leads]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    modality: Some("denied".into()),
                    ..f()
                }
            ),
            [leads]
        );
        assert!(listed(
            &store,
            EdgeFilter {
                modality: Some("rumoured".into()),
                ..f()
            }
        )
        .is_empty());
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    since: Some(20190301),
                    ..f()
                }
            ),
            [leads]
        );
        assert!(listed(
            &store,
            EdgeFilter {
                since: Some(20190401),
                ..f()
            }
        )
        .is_empty());
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    until: Some(20180101),
                    ..f()
                }
            ),
            [leads]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    outlet: Some("Herald".into()),
                    ..f()
                }
            ),
            [leads]
        );
        assert!(listed(
            &store,
            EdgeFilter {
                outlet: Some("Courier".into()),
                ..f()
            }
        )
        .is_empty());
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    min_evidence: 2,
                    ..f()
                }
            ),
            [leads]
        );
        assert_eq!(
            listed(
                &store,
                EdgeFilter {
                    limit: Some(1),
                    ..f()
                }
            ),
            [meets]
        );

        let claims = store.edge_claims(all[1].id).unwrap();
        let seen: Vec<(&str, &str, Option<&str>, Option<&str>)> = claims
            .iter()
            .map(|e| {
                (
                    e.claim.evidence.as_str(),
                    e.claim.modality.as_str(),
                    e.claim.outlet.as_deref(),
                    e.claim.source.as_ref().map(|s| s.name.as_str()),
                )
            })
            .collect();
        let evidence = "Okafor leads the Harbor Guard.";
        assert_eq!(
            seen,
            [
                (evidence, "asserted", Some("Gazette"), None),
                (evidence, "asserted", Some("Courier"), None),
                (evidence, "denied", Some("Herald"), Some("Lars Bekele")),
            ]
        );
        assert_eq!(claims[1].key.unit_document, docs[0]);
        let mut n_per_edge = Vec::new();
        store
            .for_each_edge_claim(|e| {
                n_per_edge.push(e.edge);
                Ok(())
            })
            .unwrap();
        assert_eq!(
            n_per_edge,
            [all[0].id, all[0].id, all[0].id, all[1].id, all[1].id, all[1].id]
        );
        let nodes: Vec<(u64, EntityKind)> = store
            .network_entities()
            .unwrap()
            .iter()
            .map(|n| (n.id.0, n.kind))
            .collect();
        assert_eq!(
            nodes,
            [
                (1, EntityKind::Person),
                (2, EntityKind::Person),
                (3, EntityKind::Org)
            ]
        );

        // Replacing drops what was there; a file started again drops its claims.
        let mut batch = store.begin().unwrap();
        batch
            .replace_network(edges(docs).into_iter().skip(1))
            .unwrap();
        batch.start_file(&file("c.txt")).unwrap();
        batch.commit().unwrap();
        assert_eq!(listed(&store, f()), [leads]);
        assert_eq!(
            store.edge_claims(all[1].id).unwrap().len(),
            0,
            "ids start again"
        );
        let leads_now = store.edges(&f()).unwrap()[0].id;
        assert_eq!(store.edge_claims(leads_now).unwrap().len(), 2);
    }
}

mod search {
    use super::*;
    use std::collections::HashSet;

    fn claim_on(sentence: u32) -> ClaimRecord {
        ClaimRecord {
            subject: 0,
            predicate: "leads".into(),
            object: 1,
            modality: "asserted".into(),
            source: None,
            place: None,
            time: None,
            count: None,
            role: None,
            means: None,
            kind: None,
            as_what: None,
            sentences: (sentence, sentence),
            evidence: Span::new(0, 0),
            mentions: (0, 0, None, None),
            rule: "test".into(),
            confidence: 1.0,
        }
    }

    /// A document titled `title` with the sentences "Okafor leads the Harbor Guard."
    /// (holding a claim) and "The weather was mild." (holding none).
    fn document(title: &str) -> Document {
        let meta = DocumentMeta {
            title: Some(title.into()),
            ..DocumentMeta::default()
        };
        build(
            0,
            meta,
            &[(
                ParagraphRole::Body,
                vec![
                    "Okafor leads the Harbor Guard.".into(),
                    "The weather was mild.".into(),
                ],
            )],
        )
    }

    fn add(store: &mut Store, path: &str, title: &str) -> DocumentId {
        let doc = document(title);
        let mut batch = store.begin().unwrap();
        let f = batch.start_file(&file(path)).unwrap();
        let d = batch
            .add_counted_document(f, Locator::Whole, &doc, doc.n_words() as u64)
            .unwrap();
        batch.add_claims(d, &doc, &[claim_on(0)]).unwrap();
        batch.finish_file(f, &FileSummary::default()).unwrap();
        batch.commit().unwrap();
        d
    }

    /// The (path, sentence) of every hit of `query`.
    fn found(store: &Store, query: &str) -> Vec<(String, Option<u32>)> {
        store
            .search(query, 50)
            .unwrap()
            .into_iter()
            .map(|h| (h.document.path, h.sentence))
            .collect()
    }

    #[test]
    fn titles_and_evidence_sentences_are_found_with_a_marked_snippet() {
        let mut store = Store::open_in_memory().unwrap();
        let d = add(&mut store, "a.txt", "Guard commander named");
        assert_eq!(found(&store, "harbor"), [("a.txt".to_string(), Some(0))]);
        assert_eq!(found(&store, "commander"), [("a.txt".to_string(), None)]);
        assert!(found(&store, "weather").is_empty(), "no claim there");
        let hit = &store.search("LEAD okafor", 5).unwrap()[0];
        assert_eq!(hit.document.id, d);
        assert_eq!(hit.snippet_text(), "Okafor leads the Harbor Guard.");
        let matched: Vec<&str> = hit
            .snippet
            .iter()
            .filter(|p| p.matched)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(matched, ["Okafor", "leads"]);
        assert_eq!(found(&store, "Harb*").len(), 1);
    }

    #[test]
    fn the_index_follows_a_replaced_a_pruned_and_a_rolled_back_file() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "a.txt", "First title");
        add(&mut store, "b.txt", "Other title");
        add(&mut store, "a.txt", "Second title");
        assert!(found(&store, "first").is_empty());
        assert_eq!(found(&store, "second").len(), 1);
        assert_eq!(found(&store, "guard").len(), 2);
        {
            let mut batch = store.begin().unwrap();
            batch.start_file(&file("b.txt")).unwrap();
        }
        assert_eq!(found(&store, "other").len(), 1, "rolled back");
        let seen: HashSet<String> = ["a.txt".to_string()].into();
        store.prune(&["b.txt".to_string()], &seen).unwrap();
        assert!(found(&store, "other").is_empty());
        assert_eq!(found(&store, "guard"), [("a.txt".to_string(), Some(0))]);
    }

    #[test]
    fn hostile_queries_are_searched_as_text_never_as_syntax() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "a.txt", "Guard \"NEAR\" (AND) OR -x* title");
        for q in [
            "\"",
            "\"\"",
            "*",
            "-",
            "NEAR",
            "NEAR(a b)",
            "a OR",
            "AND",
            "NOT x",
            "(",
            ")",
            "title:x",
            "^guard",
            "guard -okafor",
            "\"guard",
            "{a b}",
            "a + b",
            "x:*",
            "'",
            "\0",
            "\u{e000}",
            "\u{202e}x",
            "near/3",
            "***guard",
            "''' OR 1=1 --",
            "a\"b\"c",
            "٣",
            "⁵",
            "日本語",
            "\\",
            "col:guard",
            "guard*  *  **",
            "½ ² ⅷ",
        ] {
            store.search(q, 10).unwrap_or_else(|e| panic!("{q:?}: {e}"));
        }
        assert_eq!(found(&store, "NEAR").len(), 1);
        assert_eq!(found(&store, "(AND)").len(), 1);
        assert_eq!(
            found(&store, "guard -okafor"),
            [("a.txt".to_string(), Some(0))],
            "-okafor is a word here"
        );
        assert_eq!(found(&store, "guard* okafor").len(), 1);
    }

    #[test]
    fn a_version_5_database_gets_an_index_of_its_titles_and_evidence() {
        let (_dir, db) = old_database(
            5,
            "INSERT INTO files (id, path, content_hash, size, format, ingested_at, \
                 pipeline_version, kb_version, n_documents, n_errors) \
                 VALUES (1, 'a.txt', 'h', 1, 'text', 0, 'p', 'k', 1, 0);
                 INSERT INTO documents (id, file_id, idx, record_kind, record_ordinal, title, \
                 text, n_words) VALUES (7, 1, 0, 'whole', 0, 'Old title', \
                 'Okafor leads the Guard. Rain fell.', 6);
                 INSERT INTO paragraphs VALUES (7, 0, 0, 34, 'body');
                 INSERT INTO sentences VALUES (7, 0, 0, 0, 23), (7, 1, 0, 24, 34);
                 INSERT INTO claims (document_id, idx, subject, predicate, object, modality, \
                 first_sentence, last_sentence, evidence_start, evidence_end, mentions, rule, \
                 confidence) VALUES (7, 0, 0, 'leads', 1, 'asserted', 0, 0, 0, 23, '0,1,-,-', \
                 'test', 1.0);",
        );
        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::known_version());
        assert_eq!(found(&store, "old"), [("a.txt".to_string(), None)]);
        assert_eq!(found(&store, "okafor"), [("a.txt".to_string(), Some(0))]);
        assert!(found(&store, "rain").is_empty());
    }

    #[test]
    fn fts5_is_compiled_in() {
        let store = Store::open_in_memory().unwrap();
        let on: bool = store
            .conn
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(on);
    }
}
