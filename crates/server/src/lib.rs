//! `proxymap serve`: the JSON API over the store (`docs/API.md`) and the web page that
//! draws the network, embedded into the binary at build time.
//!
//! Requests run on a small tokio runtime; every query runs on tokio's blocking threads
//! with one of a few read handles of the store ([`Pool`]), since a SQLite connection
//! cannot be shared between threads. Every parameter is checked before the store sees it:
//! a bad one is a 400 naming it, an unknown id a 404, and a 500 is a bug.
//!
//! ```no_run
//! let config = server::Config {
//!     db: "proxymap.db".into(),
//!     addr: "127.0.0.1:8080".parse().unwrap(),
//!     readers: 4,
//! };
//! server::run(&config, |addr| eprintln!("serving on http://{addr}/"))?;
//! # Ok::<(), server::ServerError>(())
//! ```
//!
//! Invariants: nothing here writes to the store (opening it may migrate it); article text
//! leaves only as JSON strings, and the page is served under a strict
//! Content-Security-Policy.

#![warn(missing_docs)]

mod api;
mod assets;
mod corrections;
mod error;
mod json;
mod params;
mod pool;
mod routes;

pub use assets::WEB_BUILT;
pub use error::ServerError;
pub use pool::Pool;
pub use routes::{route_paths, router, OPENAPI};

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What [`run`] serves, and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database to read (it must exist).
    pub db: PathBuf,
    /// The address to listen on.
    pub addr: SocketAddr,
    /// How many read handles of the store to open (at least 1).
    pub readers: usize,
}

/// Serves `config.db` on `config.addr` until interrupted (Ctrl-C or SIGTERM); calls
/// `ready` with the address bound once it listens.
pub fn run(config: &Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let pool = Arc::new(Pool::open(&config.db, config.readers)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })?;
        ready(addr);
        axum::serve(listener, router(pool))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(ServerError::Serve)
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
