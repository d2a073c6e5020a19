//! Embeds the web page: copies `web/src/{index.html,app.js,style.css}` and cytoscape's
//! bundle from `web/node_modules` into `OUT_DIR`. Without the bundle (`npm ci --prefix web`
//! has not run) the page is a short one saying how to build it, and the build succeeds.

use std::path::{Path, PathBuf};

/// The page served when the bundle or the page's sources are missing.
const HOW_TO_BUILD: &str = "<!doctype html>
<html lang=\"en\">
<head><meta charset=\"utf-8\"><title>proxymap: the web view is not built</title></head>
<body>
<h1>The web view is not built</h1>
<p>This proxymap binary was built without the web view's files. From the checkout, run
<code>npm ci --prefix web</code>, then build proxymap again (<code>cargo build --release</code>).</p>
<p>The JSON API works without it: see <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>
</body>
</html>
";

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let web = manifest.join("../../web");
    let sources = [
        ("index.html", web.join("src/index.html")),
        ("app.js", web.join("src/app.js")),
        ("style.css", web.join("src/style.css")),
        (
            "cytoscape.min.js",
            web.join("node_modules/cytoscape/dist/cytoscape.min.js"),
        ),
    ];
    let complete = sources.iter().all(|(_, path)| path.is_file());
    for (name, path) in &sources {
        watch(path);
        let bytes = if complete {
            std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        } else if *name == "index.html" {
            HOW_TO_BUILD.as_bytes().to_vec()
        } else {
            Vec::new()
        };
        std::fs::write(out.join(name), bytes).expect("OUT_DIR is writable");
    }
    println!("cargo::rustc-env=PROXYMAP_WEB_BUILT={}", u8::from(complete));
}

/// Asks cargo to run this script again when `path` changes, or, while it is missing, when
/// the nearest folder above it that exists changes (so that creating it is noticed
/// without running the script on every build).
fn watch(path: &Path) {
    let mut watched = path;
    while !watched.exists() {
        match watched.parent() {
            Some(parent) => watched = parent,
            None => return,
        }
    }
    println!("cargo::rerun-if-changed={}", watched.display());
}
