//! A few read handles of the store, lent to one query at a time.

use crate::error::ServerError;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use store::Store;

/// Open handles of one database; [`Pool::with`] lends one, waiting while all are lent;
/// [`Pool::write`] runs one writer at a time on a handle of its own.
pub struct Pool {
    idle: Mutex<Vec<Store>>,
    returned: Condvar,
    db: PathBuf,
    writing: Mutex<()>,
}

impl Pool {
    /// Opens `size` handles (at least one) of the database at `db`, which must exist; the
    /// first migrates an older schema.
    pub fn open(db: &Path, size: usize) -> Result<Pool, ServerError> {
        let stores = (0..size.max(1))
            .map(|_| Store::open_existing(db))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Pool {
            idle: Mutex::new(stores),
            returned: Condvar::new(),
            db: db.to_path_buf(),
            writing: Mutex::new(()),
        })
    }

    /// The database file.
    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Runs `f` with a handle of its own that may write, one writer at a time (readers
    /// go on: SQLite keeps them on the last commit until the writer's lands).
    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> T) -> Result<T, ServerError> {
        let _one = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let mut store = Store::open_existing(&self.db)?;
        Ok(f(&mut store))
    }

    /// Runs `f` with a handle, blocking the thread until one is free; the handle goes
    /// back even when `f` panics.
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        let lent = Lent {
            pool: self,
            store: Some(self.take()),
        };
        f(lent.store.as_ref().expect("a lent store"))
    }

    fn take(&self) -> Store {
        let mut idle = self.lock();
        loop {
            if let Some(store) = idle.pop() {
                return store;
            }
            idle = self
                .returned
                .wait(idle)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Store>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A handle out of the pool, put back when dropped.
struct Lent<'a> {
    pool: &'a Pool,
    store: Option<Store>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            self.pool.lock().push(store);
            self.pool.returned.notify_one();
        }
    }
}
