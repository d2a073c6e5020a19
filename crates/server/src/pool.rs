//! A few read handles of the store, lent to one query at a time.

use crate::error::ServerError;
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use store::Store;

/// Open handles of one database; [`Pool::with`] lends one, waiting while all are lent.
pub struct Pool {
    idle: Mutex<Vec<Store>>,
    returned: Condvar,
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
        })
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
