//! Prints the key of each argument: `cargo run -p kb --example norm -- NAME…`; with
//! `--bench [N]`, times the normaliser on N names (default 20 M) instead, once on short
//! names and once on every name of the built-in knowledge base, beside `str::to_lowercase`.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bench") {
        let total = args
            .get(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(20_000_000);
        let short = [
            "Suleimani",
            "al-Amiri",
            "Iraq",
            "Iranians",
            "Hezbollah",
            "Mosul",
            "Badr",
            "Maliki",
            "Tehran",
            "ISIS",
            "Sadr",
            "Kurds",
            "Obama",
            "Baghdad",
            "PMF",
            "Abadi",
        ];
        bench("short names", &short, total);
        let kb = kb::Kb::builtin_ref();
        let names: Vec<&str> = kb
            .entries()
            .iter()
            .flat_map(|e| e.names().map(|(n, _)| n))
            .collect();
        bench("built-in KB names", &names, total);
        return;
    }
    for a in &args {
        println!("{a:?} -> {:?}", kb::normalize(a));
    }
}

fn bench(label: &str, names: &[&str], total: usize) {
    let rounds = (total / names.len().max(1)).max(1);
    let n = (rounds * names.len()) as f64;
    let bytes = names.iter().map(|s| s.len()).sum::<usize>() as f64 * rounds as f64;
    let mut checksum = 0usize;
    let start = Instant::now();
    for _ in 0..rounds {
        for s in names {
            checksum += kb::normalize(s).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for _ in 0..rounds {
        for s in names {
            checksum += s.to_lowercase().len();
        }
    }
    let base = start.elapsed().as_secs_f64();
    println!(
        "{label}: {:.0} names, {:.1} bytes avg: normalize {:.1} M names/s ({:.0} MB/s); \
         str::to_lowercase {:.1} M names/s (checksum {checksum})",
        n,
        bytes / n,
        n / secs / 1e6,
        bytes / secs / 1e6,
        n / base / 1e6
    );
}
