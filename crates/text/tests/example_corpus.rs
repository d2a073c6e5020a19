//! The project's example pages (`examples/corpus/`), read by `ingest` as the pipeline
//! reads them and split by `text`: the documents each page holds, with title, outlet,
//! author and date. These pages were not tuned on; they stand for held-out shapes (a
//! post and a reposted essay, a roundup of reposts, an HTML page under its masthead).

use std::path::{Path, PathBuf};

/// One expected document: title, outlet, author, date.
type Expect<'a> = (&'a str, &'a str, &'a str, &'a str);

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/corpus")
        .join(name)
}

fn check(name: &str, expect: &[Expect]) {
    let path = corpus(name);
    let records =
        ingest::open_path(&path, &ingest::Limits::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut got = Vec::new();
    for record in records {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let (documents, _) = text::split_record(&record);
        for d in documents {
            let m = d.meta;
            got.push((
                m.title.unwrap_or_default(),
                m.outlet.unwrap_or_default(),
                m.author.unwrap_or_default(),
                m.date.map(|d| d.to_string()).unwrap_or_default(),
            ));
        }
    }
    let want: Vec<(String, String, String, String)> = expect
        .iter()
        .map(|&(t, o, a, d)| (t.into(), o.into(), a.into(), d.into()))
        .collect();
    assert_eq!(got, want, "{name}");
}

#[test]
fn post_and_reposted_essay() {
    check(
        "post-and-essay.txt",
        &[
            (
                "Why the 2017 split still matters",
                "The Varan Desk",
                "Tomas Ebbe",
                "2020-09-08",
            ),
            (
                "Brothers in Arms, Rivals in Pay: The Saraya al-Nasr Split Revisited",
                "The Varan Desk",
                "Nadia Serhan",
                "",
            ),
        ],
    );
}

#[test]
fn roundup_of_four_reposts() {
    check(
        "roundup.txt",
        &[
            (
                "Weekly roundup: the ambush at Bir Sahel, Korvath's money and the PDU reshuffle",
                "Selvan Notebook",
                "",
                "",
            ),
            (
                "Seven Crimson Brigades fighters killed in ambush near Bir Sahel",
                "Harbor Daily",
                "Daniel Okafor",
                "2018-10-22",
            ),
            (
                "Who Pays the Mountain Brigade?",
                "Kestrel Review",
                "Mara Lindqvist",
                "2018-10-26",
            ),
            (
                "Frontline Monitors: brigades recruited boys as young as 15",
                "Al-Sawt",
                "",
                "2018-10-28",
            ),
            (
                "PDU chairman Saadi names new commanders",
                "The Meridian Post",
                "",
                "2018-10-30",
            ),
        ],
    );
}

#[test]
fn html_page_under_its_masthead() {
    check(
        "river-offensive.html",
        &[(
            "Varan-backed brigades take Kafr Amin as Selvan offensive ends",
            "The Meridian Post",
            "Laila Marouf",
            "2019-06-30",
        )],
    );
}

#[test]
fn reposts_start_after_their_captions() {
    let path = corpus("roundup.txt");
    let record = ingest::open_path(&path, &ingest::Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .next()
        .expect("one record")
        .unwrap_or_else(|e| panic!("{e}"));
    let (documents, _) = text::split_record(&record);
    let starts: Vec<String> = documents.iter().map(|d| d.starts_with(4)).collect();
    assert_eq!(
        starts,
        [
            "It has been a",
            "BIR SAHEL, Tessaly —",
            "Liwa Ahl al-Jabal likes",
            "ARDENZA — The Crimson",
            "ARDENZA — Maj. Gen.",
        ]
    );
}
