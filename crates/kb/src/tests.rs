//! Tests of loading, validation, lookup, `extend` and `version`, and of the built-in data.

use super::*;
use std::collections::HashMap;

/// Parses `text` as file `t.jsonl` and returns every error message, one per element.
fn errors(text: &str) -> Vec<String> {
    match Kb::parse("t.jsonl", text) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors().iter().map(ToString::to_string).collect(),
    }
}

/// Asserts that `line` (alone in a file) fails with exactly `expected` (after "t.jsonl: line 1: ").
fn check_error(line: &str, expected: &str) {
    assert_eq!(
        errors(line),
        vec![format!("t.jsonl: line 1: {expected}")],
        "{line}"
    );
}

fn kb(text: &str) -> Kb {
    match Kb::parse("t.jsonl", text) {
        Ok(kb) => kb,
        Err(e) => panic!("{e}"),
    }
}

fn names(kb: &Kb, name: &str) -> Vec<(String, NameKind)> {
    kb.lookup_name(name)
        .iter()
        .map(|m| (kb.entry(m.id).name.clone(), m.name_kind))
        .collect()
}

// --- format and validation -------------------------------------------------------------

#[test]
fn parses_entries_comments_and_blank_lines() {
    let kb = kb("# a comment\n\n  \n{\"name\": \"Badr Organization\", \"kind\": \"org\", \"aliases\": [\"Badr\"], \"demonyms\": [], \"capital\": null}\r\n   # indented comment\n{\"name\": \"Iraq\", \"kind\": \"org\", \"demonyms\": [\"Iraqi\"], \"capital\": \"Baghdad\"}");
    assert_eq!(kb.len(), 2);
    assert_eq!(kb.entry(EntryId(0)).aliases, ["Badr"]);
    assert_eq!(kb.entry(EntryId(1)).capital.as_deref(), Some("Baghdad"));
    assert_eq!(
        kb.origin(EntryId(1)),
        &Origin {
            file: "t.jsonl".into(),
            line: 6
        }
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    assert_eq!(
        kb("\u{feff}{\"name\": \"Iraq\", \"kind\": \"org\"}").len(),
        1
    );
}

#[test]
fn error_messages() {
    check_error(
        "{\"name\": \"Badr\"",
        "not JSON at column 15: EOF while parsing an object",
    );
    check_error(
        "[\"Badr\", \"org\"]",
        "not a JSON object: write one entry per line, {\"name\": …, \"kind\": …}",
    );
    check_error("{\"kind\": \"org\"}", "missing \"name\"");
    check_error("{\"name\": \"Badr\"}", "missing \"kind\"");
    check_error("{\"name\": \"\", \"kind\": \"org\"}", "empty \"name\"");
    check_error(
        "{\"name\": 12, \"kind\": \"org\"}",
        "\"name\" must be a string",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": 1}",
        "\"kind\" must be a string",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"militia\"}",
        "unknown kind \"militia\": use person, org, place or group",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"alias\": [\"B\"]}",
        "unknown field \"alias\": use name, kind, aliases, demonyms or capital",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": \"Badr Corps\"}",
        "\"aliases\" must be a list of strings",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": [\"Badr Corps\", 3]}",
        "\"aliases\" must be a list of strings",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"demonyms\": null}",
        "\"demonyms\" must be a list of strings",
    );
    check_error(
        "{\"name\": \"Iraq\", \"kind\": \"org\", \"capital\": [\"Baghdad\"]}",
        "\"capital\" must be a string or null",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": [\"Badr\"]}",
        "alias \"Badr\" is the name itself",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": [\"Badr Corps\", \"Badr Corps\"]}",
        "\"Badr Corps\" is listed twice",
    );
    check_error(
        "{\"name\": \"Badr \", \"kind\": \"org\"}",
        "\"Badr \" in \"name\" has leading or trailing spaces",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": [\"Badr\\tCorps\"]}",
        "\"Badr\\tCorps\" in \"aliases\" holds a control character",
    );
    check_error(
        "{\"name\": \"Badr\", \"kind\": \"org\", \"aliases\": [\"--\"]}",
        "\"--\" in \"aliases\" has no letter or digit",
    );
    check_error(
        "{\"name\": \"Hadi al-Amiri\", \"kind\": \"person\", \"capital\": \"Baghdad\"}",
        "a person has no \"capital\"",
    );
    check_error(
        "{\"name\": \"Hadi al-Amiri\", \"kind\": \"person\", \"demonyms\": [\"Amirian\"]}",
        "a person has no \"demonyms\"",
    );
}

#[test]
fn every_problem_of_a_line_is_reported() {
    let errs = errors("{\"nmae\": \"Badr\", \"kind\": \"militia\"}");
    assert_eq!(
        errs,
        [
            "t.jsonl: line 1: unknown field \"nmae\": use name, kind, aliases, demonyms or capital",
            "t.jsonl: line 1: missing \"name\"",
            "t.jsonl: line 1: unknown kind \"militia\": use person, org, place or group",
        ]
    );
}

#[test]
fn every_bad_line_of_a_file_is_reported() {
    let text = "{\"name\": \"Iraq\", \"kind\": \"org\"}\nnot json\n# fine\n{\"name\": \"Iran\", \"kind\": \"state\"}\n{\"name\": \"Iraq\", \"kind\": \"place\"}\n";
    let err = Kb::parse("t.jsonl", text).unwrap_err();
    let lines: Vec<String> = err.errors().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "t.jsonl: line 2: not JSON at column 2: expected ident",
            "t.jsonl: line 4: unknown kind \"state\": use person, org, place or group",
            "t.jsonl: line 5: \"Iraq\" is a place here but an org at line 1: one name, one kind",
        ]
    );
    assert_eq!(err.to_string(), lines.join("\n"));
}

#[test]
fn errors_are_capped_and_counted() {
    let text = "x\n".repeat(MAX_ERRORS + 7);
    let err = Kb::parse("t.jsonl", &text).unwrap_err();
    assert_eq!(err.errors().len(), MAX_ERRORS);
    assert!(
        err.to_string()
            .ends_with("t.jsonl: 7 more errors not shown"),
        "{err}"
    );
}

#[test]
fn lenient_parsing_keeps_good_lines() {
    let (kb, err) = Kb::parse_lenient(
        "t.jsonl",
        "{\"name\": \"Iraq\", \"kind\": \"org\"}\n{\"name\": \"x\"}\n",
    );
    assert_eq!(kb.len(), 1);
    assert_eq!(
        err.map(|e| e.to_string()).as_deref(),
        Some("t.jsonl: line 2: missing \"kind\"")
    );
}

#[test]
fn a_line_that_is_not_utf8_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(
        &path,
        b"{\"name\": \"Iraq\", \"kind\": \"org\"}\n{\"name\": \"\xff\", \"kind\": \"org\"}\n",
    )
    .unwrap();
    let err = Kb::load_file(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: line 2: not UTF-8", path.display())
    );
}

#[test]
fn a_user_file_with_a_bad_line_reports_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("user.jsonl");
    std::fs::write(
        &path,
        "# my additions\n{\"name\": \"Kataib Sayyid al-Shuhada\", \"kind\": \"org\"}\n{\"name\": \"Abu Ala al-Walai\", \"kind\": \"persn\"}\n",
    )
    .unwrap();
    let err = Kb::load_file(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: line 3: unknown kind \"persn\": use person, org, place or group",
            path.display()
        )
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = Kb::load_file(Path::new("/nonexistent/kb.jsonl")).unwrap_err();
    assert!(matches!(err, KbError::Io { .. }));
    assert!(
        err.to_string()
            .starts_with("/nonexistent/kb.jsonl: cannot read: "),
        "{err}"
    );
}

#[test]
fn duplicate_names_of_one_kind_merge_within_a_file() {
    let kb = kb("{\"name\": \"Badr Organization\", \"kind\": \"org\", \"aliases\": [\"Badr\"]}\n{\"name\": \"Badr Organization\", \"kind\": \"org\", \"aliases\": [\"Badr\", \"Badr Corps\"]}");
    assert_eq!(kb.len(), 1);
    assert_eq!(kb.entry(EntryId(0)).aliases, ["Badr", "Badr Corps"]);
}

// --- lookup ----------------------------------------------------------------------------

#[test]
fn lookup_by_every_kind_of_name() {
    let kb = kb(concat!(
        "{\"name\": \"Iraq\", \"kind\": \"org\", \"aliases\": [\"Republic of Iraq\"], \"demonyms\": [\"Iraqi\", \"Iraqis\"], \"capital\": \"Baghdad\"}\n",
        "{\"name\": \"Baghdad\", \"kind\": \"place\"}\n",
        "{\"name\": \"Hadi al-Amiri\", \"kind\": \"person\", \"aliases\": [\"Amiri\"]}\n",
    ));
    let s = |n: &str| n.to_string();
    assert_eq!(names(&kb, "Iraq"), [(s("Iraq"), NameKind::Canonical)]);
    assert_eq!(
        names(&kb, "the Republic of Iraq"),
        [(s("Iraq"), NameKind::Alias)]
    );
    assert_eq!(names(&kb, "IRAQIS"), [(s("Iraq"), NameKind::Demonym)]);
    assert_eq!(
        names(&kb, "Baghdad"),
        [
            (s("Iraq"), NameKind::Capital),
            (s("Baghdad"), NameKind::Canonical)
        ]
    );
    assert_eq!(
        names(&kb, "al-Amiri"),
        [(s("Hadi al-Amiri"), NameKind::Alias)]
    );
    assert_eq!(
        names(&kb, "Hadi el-Ameri"),
        [(s("Hadi al-Amiri"), NameKind::Canonical)]
    );
    assert_eq!(kb.lookup(&normalize("Baghdad")), [EntryId(0), EntryId(1)]);
    assert!(kb.lookup("nowhere").is_empty());
    assert!(kb.lookup_name("Mosul").is_empty());
    assert!(kb.contains_key("iraq"));
    assert_eq!(kb.max_key_tokens(), 3);
}

#[test]
fn names_of_one_entry_sharing_a_key_match_once_as_the_strongest() {
    let kb = kb("{\"name\": \"Hadi al-Amiri\", \"kind\": \"person\", \"aliases\": [\"Hadi al Amiri\", \"Hadi Al-Amiri\"]}");
    assert_eq!(
        kb.lookup_name("hadi amiri"),
        [Match {
            id: EntryId(0),
            name_kind: NameKind::Canonical
        }]
    );
}

#[test]
fn an_empty_kb_finds_nothing() {
    let kb = Kb::empty();
    assert!(kb.is_empty());
    assert!(kb.lookup_name("Iraq").is_empty());
    assert_eq!(kb.max_key_tokens(), 0);
}

// --- extend and version ----------------------------------------------------------------

#[test]
fn extend_adds_and_merges() {
    let mut base = kb("{\"name\": \"Badr Organization\", \"kind\": \"org\", \"aliases\": [\"Badr\"]}\n{\"name\": \"Lebanon\", \"kind\": \"org\"}");
    let v0 = base.version();
    let user = Kb::parse(
        "user.jsonl",
        "{\"name\": \"Badr Organization\", \"kind\": \"org\", \"aliases\": [\"Badr\", \"Faylaq Badr\"]}\n{\"name\": \"Lebanon\", \"kind\": \"place\"}\n{\"name\": \"Saraya Awliya al-Dam\", \"kind\": \"org\"}",
    )
    .unwrap();
    base.extend(user);
    assert_eq!(base.len(), 3);
    assert_eq!(base.entry(EntryId(0)).aliases, ["Badr", "Faylaq Badr"]);
    assert_eq!(base.entry(EntryId(1)).kind, EntityKind::Place);
    assert_eq!(
        names(&base, "Faylaq Badr"),
        [("Badr Organization".to_string(), NameKind::Alias)]
    );
    assert_eq!(base.origin(EntryId(0)).file, "t.jsonl");
    assert_eq!(
        base.origin(EntryId(2)),
        &Origin {
            file: "user.jsonl".into(),
            line: 3
        }
    );
    assert_ne!(base.version(), v0);
}

#[test]
fn version_is_stable_and_changes_with_any_entry() {
    let text = "{\"name\": \"Iraq\", \"kind\": \"org\", \"demonyms\": [\"Iraqi\"], \"capital\": \"Baghdad\"}\n{\"name\": \"Iran\", \"kind\": \"org\"}";
    let v = kb(text).version();
    assert_eq!(v.len(), 16);
    assert!(v.bytes().all(|b| b.is_ascii_hexdigit()));
    // Comments, spacing and field order do not count.
    assert_eq!(
        kb("# c\n{\"kind\":\"org\",\"name\":\"Iraq\",\"capital\":\"Baghdad\",\"demonyms\":[\"Iraqi\"]}\n\n{\"name\": \"Iran\", \"kind\": \"org\", \"aliases\": []}").version(),
        v
    );
    for changed in [
        text.replace("Iraqi\"", "Iraqis\""),
        text.replace("Baghdad", "Bagdad"),
        text.replace("\"kind\": \"org\"}", "\"kind\": \"place\"}"),
        text.replace("\"Iran\"", "\"Iran\", \"aliases\": [\"Persia\"]"),
        // Field boundaries count: the same letters split differently.
        text.replace("[\"Iraqi\"]", "[\"Ira\", \"qi\"]"),
        // Order counts, as ids do.
        text.lines().rev().collect::<Vec<_>>().join("\n"),
    ] {
        assert_ne!(kb(&changed).version(), v, "{changed}");
    }
    assert_eq!(Kb::empty().version(), Kb::empty().version());
    assert_ne!(Kb::empty().version(), v);
}

// --- the built-in knowledge base ------------------------------------------------------------

#[test]
fn builtin_has_no_bad_line() {
    if let Err(e) = Kb::parse(BUILTIN_NAME, BUILTIN_TEXT) {
        panic!("{e}");
    }
    let kb = Kb::builtin();
    assert!(kb.len() > 1000, "{}", kb.len());
    assert_eq!(kb.version(), Kb::builtin_ref().version());
}

/// The names of shared/gold/CANON.md, by kind. Lebanon is a place in CANON (it never acts
/// there) but a state, an org, in the KB like every UN member.
const CANON: &[(EntityKind, &str)] = &[
    (EntityKind::Person, "Qassem Suleimani | Hadi al-Amiri | Haider al-Abadi | Nouri al-Maliki | Muqtada al-Sadr | Ammar al-Hakim | Ayad Allawi | Ali al-Sistani | Martin Dempsey | John Kerry | Samantha Power | Joe Biden | Barack Obama | Bill Clinton | Hillary Clinton | David Petraeus | Robert Gates | Qais al-Khazali | Abu Mustafa al-Sheibani | Mohammed Ghabban | Imad Mughniyeh | Jihad Mughniyeh | Iraj Masjedi | Hassan Danaii Far | Stuart Jones | Michael Flynn | Eli Lake | Ali Wazir Shamary | Moeen al-Kadhimi | Hakim al-Zamili | Ahmed al-Zamili | Ali Adeeb | Joe Dunford | Vladimir Putin | Recep Tayyip Erdogan | Bashar al-Assad | Abu Bakr al-Baghdadi | Maryam Rajavi | Douglas Ollivant | Mohammad Pakpour | Ali Khamenei | Saddam Hussein | Michael Pregent | Phillip Smyth | Erin Evers | Marie Harf | Sami al-Askari | Alija Izetbegovic | Amir Taheri | Shahriar Kia | Charles Duelfer | Salim al-Juburi | Mahmoud Shahrudi | Mohammad Ali Husseini"),
    (EntityKind::Org, "Iran | Iraq | United States | Russia | Syria | Turkey | Israel | Islamic Revolutionary Guard Corps | Quds Force | Badr Organization | Asaib Ahl al-Haq | Kataib Hezbollah | Popular Mobilization Forces | Hezbollah | Mahdi Army | ISIS | al-Qaeda in Iraq | al-Qaeda | Iraqi Security Forces | Iraqi Army | Iraqi Interior Ministry | Iraqi Federal Police | Peshmerga | PKK | YPG | Human Rights Watch | Reuters | Wall Street Journal | Washington Post | The Guardian | DEBKAfile | Gatestone Institute | Clarion Project | Long War Journal | Asharq Al-Awsat | Al Arabiya | IRNA | NBC News | New York Times | Middle East Monitor | Zero Hedge | Russia Insider | Bloomberg View | Institute for the Study of War | CIA | Mossad | US Treasury Department | US State Department | Joint Special Operations Command | Joint Chiefs of Staff | Sadrist Movement | Dawa Party | National Wisdom Movement | Supreme Council for the Islamic Revolution in Iraq | State of Law Coalition | People's Mojahedin Organization of Iran | National Council of Resistance of Iran | Al Qara'a Regiment | Iraqi Counter Terrorism Service | Lebanon"),
    (EntityKind::Place, "Baghdad | Mosul | Diyala | Fallujah | Ramadi | Tikrit | Baiji | Amerli | Jurf al-Sakher | Barwana | Kobane | Karbala | Huwija | Erbil | Tal Afar | Rasheed Air Base | Aleppo | Damascus | Latakia | Samarra | Najaf | Qom | Tehran | Moscow | Anbar | Sinjar | Beirut | Kurdistan Region"),
    (EntityKind::Group, "Sunnis | Shia | Kurds | Sunni tribes | Turkmen"),
];

#[test]
fn builtin_has_the_canon_names_with_their_kinds() {
    let kb = Kb::builtin_ref();
    let by_name: HashMap<&str, &Entry> =
        kb.entries().iter().map(|e| (e.name.as_str(), e)).collect();
    for &(kind, list) in CANON {
        for name in list.split(" | ") {
            let entry = by_name
                .get(name)
                .unwrap_or_else(|| panic!("{name} is missing"));
            assert_eq!(entry.kind, kind, "{name}");
        }
    }
}

#[test]
fn builtin_has_every_un_member_state_as_an_org() {
    let kb = Kb::builtin_ref();
    // The data file opens with the 193 member states, then the observers.
    let start = BUILTIN_TEXT.find("# UN member states (193)").unwrap();
    let end = BUILTIN_TEXT.find("# Observer states").unwrap();
    let states: Vec<&str> = BUILTIN_TEXT[start..end]
        .lines()
        .filter(|l| l.starts_with('{'))
        .collect();
    assert_eq!(states.len(), 193);
    let n_orgs_with_capital = kb
        .entries()
        .iter()
        .filter(|e| e.kind == EntityKind::Org && e.capital.is_some())
        .count();
    assert!(n_orgs_with_capital >= 185, "{n_orgs_with_capital}");
}

#[test]
fn builtin_lookups_of_the_theatres() {
    let kb = Kb::builtin_ref();
    let find = |name: &str| -> Vec<String> {
        kb.lookup_name(name)
            .iter()
            .map(|m| kb.entry(m.id).name.clone())
            .collect()
    };
    let has = |name: &str, canonical: &str| {
        assert!(
            find(name).iter().any(|n| n == canonical),
            "{name} → {:?}, not {canonical}",
            find(name)
        );
    };
    has("Hashd al-Shaabi", "Popular Mobilization Forces");
    has("PMU", "Popular Mobilization Forces");
    has("Hezbollah Brigades", "Kataib Hezbollah");
    has("KH", "Kataib Hezbollah");
    has("Qods Force", "Quds Force");
    has("IRGC-QF", "Quds Force");
    has("Revolutionary Guards", "Islamic Revolutionary Guard Corps");
    has("Daesh", "ISIS");
    has("ISIL", "ISIS");
    has("Hizballah", "Hezbollah");
    has("Ansar Allah", "Houthis");
    has("PMC Wagner", "Wagner Group");
    has("Hemedti", "Mohamed Hamdan Dagalo");
    has("Mohammed Hamdan Daglo", "Mohamed Hamdan Dagalo");
    has("RSF", "Rapid Support Forces");
    has("SAF", "Sudanese Armed Forces");
    has("Burhan", "Abdel Fattah al-Burhan");
    has("Abdul-Malik al-Houthi", "Abdul-Malik al-Houthi");
    has("Naim Kassem", "Naim Qassem");
    has("Treasury", "US Treasury Department");
    has("Department of the Treasury", "US Treasury Department");
    has("OFAC", "Office of Foreign Assets Control");
    has("Tehran", "Iran");
    has("Iranians", "Iran");
    has("Washington", "United States");
    has("Kremlin", "Russia");
    has("El-Fasher", "El Fasher");
    has("Bab el-Mandeb", "Bab al-Mandeb Strait");
    has("Shiites", "Shia");
    has("Shi’ite", "Shia");
    has("Sunni", "Sunnis");
    has("Ghasem Soleymani", "Qassem Suleimani");
    has("Nuri al-Maliki", "Nouri al-Maliki");
    has("Haidar al-Abadi", "Haider al-Abadi");
    has("Bader Brigades", "Badr Organization");
    has("JNIM", "Jama’at Nasr al-Islam wal Muslimin");
    has("ISKP", "ISIS-K");
    has("Yazidi", "Yazidis");
}

#[test]
fn builtin_canonical_names_have_distinct_keys() {
    // Two entries whose canonical names share a key are told apart only by context; in the
    // built-in data that happens only where one word names two things.
    const SAME_WORD: &[&str] = &[
        // The channel and the Syrian town are both "al-Mayadin", "the squares".
        "Al Mayadeen / Mayadin",
    ];
    let kb = Kb::builtin_ref();
    let mut by_key: HashMap<String, &str> = HashMap::new();
    let mut clashes = Vec::new();
    for e in kb.entries() {
        if let Some(other) = by_key.insert(normalize(&e.name), &e.name) {
            clashes.push(format!("{other} / {}", e.name));
        }
    }
    clashes.retain(|c| !SAME_WORD.contains(&c.as_str()));
    assert!(clashes.is_empty(), "{clashes:#?}");
}

#[test]
fn forces_of_ties_an_armed_force_to_its_state_and_is_checked() {
    let kb = Kb::parse(
        "f.jsonl",
        "{\"name\": \"Norland\", \"kind\": \"org\", \"demonyms\": [\"Norlandish\"]}\n\
         {\"name\": \"Norland Defence Force\", \"kind\": \"org\", \"forces_of\": \"Norland\"}\n",
    )
    .unwrap();
    let state = kb.lookup(&normalize("Norland"))[0];
    let forces = kb.armed_forces_of(state).unwrap();
    assert_eq!(kb.entry(forces).name, "Norland Defence Force");
    assert_eq!(kb.armed_forces_of(forces), None);
    let bad = Kb::parse(
        "f.jsonl",
        "{\"name\": \"Ann Lee\", \"kind\": \"person\", \"forces_of\": \"Norland\"}\n",
    )
    .unwrap_err()
    .to_string();
    assert!(bad.contains("line 1") && bad.contains("forces_of"), "{bad}");
}
