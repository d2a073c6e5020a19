//! What the user sees during an ingest: problems on stderr, and a progress bar when
//! stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use model::Severity;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Prints problems (warnings unless quiet) and drives the progress bar.
pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
    files: AtomicU64,
}

impl Progress {
    /// A bar on stderr when it is a terminal and the run is not quiet; hidden otherwise.
    pub fn new(quiet: bool) -> Progress {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = if visible {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} files  {bytes}  {binary_bytes_per_sec}  {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            quiet,
            files: AtomicU64::new(0),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl pipeline::Observer for Progress {
    fn problem(&self, problem: &pipeline::Problem) {
        if self.quiet && problem.severity == Severity::Warning {
            return;
        }
        self.bar.suspend(|| eprintln!("{problem}"));
    }

    fn file_done(&self, bytes: u64) {
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.inc(bytes);
        self.bar.set_message(files.to_string());
    }
}
