//! API latency under load: writes a synthetic network of 50,000 edges between 5,000
//! entities (a few hubs, many with a handful of edges) through the store's API, serves it
//! on 127.0.0.1, and sends a fixed number of requests from 16 client threads to
//! `/api/edges?…` and `/api/entities/{id}`, then prints p50 and p99 per endpoint.
//! Not a test: `cargo run --release -p server --example api_bench [-- EDGES REQUESTS]`.

use model::{EntityId, EntityKind};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{EdgeRecord, EdgeSummary, EntityRecord, ModalityCounts, Store};

const CLIENTS: usize = 16;
const ENTITIES: u64 = 5_000;
const PREDICATES: [&str; 6] = [
    "leads", "supports", "fights", "attacks", "meets", "controls",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let n_edges: usize = args.next().map_or(50_000, |a| a.parse().expect("EDGES"));
    let n_requests: usize = args.next().map_or(4_000, |a| a.parse().expect("REQUESTS"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("bench.db");
    let started = Instant::now();
    write_network(&db, n_edges);
    eprintln!(
        "wrote {n_edges} edges between {ENTITIES} entities in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let addr = serve(&db);
    let hubs: Vec<u64> = (0..50).map(entity).collect();
    let edges = |i: usize| match i % 4 {
        0 => "/api/edges".to_string(),
        1 => format!("/api/edges?predicate={}&limit=300", PREDICATES[i % 6]),
        2 => format!("/api/edges?entity={}", hubs[i % hubs.len()]),
        _ => "/api/edges?min_evidence=3&since=2015&until=2019".to_string(),
    };
    let profile = |i: usize| format!("/api/entities/{}", entity((i * 7919) as u64 % ENTITIES));
    report("edges", &load(addr, n_requests, edges));
    report("profile", &load(addr, n_requests, profile));
    if args.next().as_deref() == Some("--render") {
        render(addr);
    }
}

/// Times the web view's first complete render of its default view of this network in
/// headless chromium (`web/tests/render_bench.mjs`, which prints its own figures).
fn render(addr: SocketAddr) {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/tests/render_bench.mjs"
    );
    let status = std::process::Command::new("node")
        .arg(script)
        .arg(format!("http://{addr}"))
        .args(["--runs", "3"])
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => eprintln!("render_bench.mjs failed: {s}"),
        Err(e) => eprintln!("cannot run node for the render benchmark: {e}"),
    }
}

/// The id of entity number `n`.
fn entity(n: u64) -> u64 {
    n.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An entity number, skewed towards low numbers (hubs).
    fn skewed(&mut self) -> u64 {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u * u) * ENTITIES as f64) as u64
    }
}

fn write_network(db: &std::path::Path, n_edges: usize) {
    let mut store = Store::open(db).expect("a new database");
    let entities: Vec<EntityRecord> = (0..ENTITIES)
        .map(|n| EntityRecord {
            id: EntityId(entity(n)),
            name: format!("Entity {n}"),
            kind: EntityKind::ALL[(n % 4) as usize],
            kb_entry: None,
            n_mentions: (ENTITIES - n) as u32,
            n_documents: 1,
            names: vec![(format!("Entity {n}"), format!("entity {n}"))],
        })
        .collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut seen = std::collections::HashSet::new();
    let mut edges = Vec::with_capacity(n_edges);
    while edges.len() < n_edges {
        let (s, o) = (rng.skewed(), rng.next() % ENTITIES);
        let predicate = PREDICATES[(rng.next() % 6) as usize];
        if s == o || !seen.insert((s, predicate, o)) {
            continue;
        }
        edges.push(edge(&mut rng, s, predicate, o));
    }
    edges.sort_by(|a, b| b.summary.strength.total_cmp(&a.summary.strength));
    let mut batch = store.begin().expect("a write transaction");
    batch
        .replace_corpus(&entities, &[], "bench")
        .expect("entities");
    batch.replace_network(edges).expect("edges");
    batch.commit().expect("a commit");
}

fn edge(rng: &mut Rng, s: u64, predicate: &str, o: u64) -> EdgeRecord {
    let n = 1 + (rng.next() % 6) as u32;
    let year = 2010 + (rng.next() % 12) as u32;
    EdgeRecord {
        subject: EntityId(entity(s)),
        predicate: predicate.to_string(),
        object: EntityId(entity(o)),
        symmetric: predicate == "meets",
        summary: EdgeSummary {
            n_evidence: n,
            modalities: ModalityCounts {
                asserted: n,
                ..ModalityCounts::default()
            },
            first_time: Some(year.to_string()),
            last_time: Some(year.to_string()),
            time_bounds: Some((year * 10_000 + 101, year * 10_000 + 1231)),
            n_sources: n,
            n_outlets: n,
            single_outlet: n == 1,
            single_source: n == 1,
            strength: f64::from(n) + (rng.next() % 100) as f64 / 100.0,
            ..EdgeSummary::default()
        },
        claims: Vec::new(),
    }
}

/// Serves `db` on a free loopback port from a thread of its own.
fn serve(db: &std::path::Path) -> SocketAddr {
    let pool = Arc::new(server::Pool::open(db, 4).expect("the database opens"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, server::router(pool)).await.unwrap();
        });
    });
    rx.recv().expect("the server starts")
}

/// Sends `n` requests (`uri(i)` for the i-th) from [`CLIENTS`] threads; the latencies.
fn load(addr: SocketAddr, n: usize, uri: impl Fn(usize) -> String + Sync) -> Vec<Duration> {
    let uri = &uri;
    let mut all: Vec<Duration> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..CLIENTS)
            .map(|c| {
                scope.spawn(move || {
                    (c..n)
                        .step_by(CLIENTS)
                        .map(|i| get(addr, &uri(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a client"))
            .collect()
    });
    all.sort();
    all
}

/// One `GET` over a new connection; how long until the whole answer was read.
fn get(addr: SocketAddr, uri: &str) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    write!(
        stream,
        "GET {uri} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("the answer");
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{uri}: not a 200");
    started.elapsed()
}

fn report(what: &str, sorted: &[Duration]) {
    let at = |q: f64| sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)];
    println!(
        "api {what:<8} {} requests, {CLIENTS} clients: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sorted.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        sorted[sorted.len() - 1].as_secs_f64() * 1e3
    );
}
