//! What every request shares: the store's path and a pool of read
//! connections. A request's queries run on a blocking thread (SQLite is
//! synchronous) under a deadline, and at most `readers` at once.

use crate::error::ApiError;
use crate::Config;
use newsgraph_store::{Mode, Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    /// Connections not in use (a connection is opened when none is free).
    idle: Mutex<Vec<Store>>,
    /// Requests reading the store at once.
    readers: Semaphore,
    query_time: Duration,
}

impl AppState {
    /// Opens the store once, to fail early on a path that holds none.
    pub fn open(config: &Config) -> Result<AppState, StoreError> {
        let first = Store::open(&config.db, Mode::Read)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                path: config.db.clone(),
                idle: Mutex::new(vec![first]),
                readers: Semaphore::new(config.readers.max(1)),
                query_time: config.query_time,
            }),
        })
    }

    pub fn query_time(&self) -> Duration {
        self.inner.query_time
    }

    /// Runs `f` on a connection of the pool, on a blocking thread, with the
    /// deadline set.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self.inner.readers.acquire().await.map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        let inner = self.inner.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let taken = inner.idle.lock().map(|mut idle| idle.pop()).unwrap_or(None);
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&inner.path, Mode::Read)?,
            };
            store.set_deadline(Some(Instant::now() + inner.query_time))?;
            let result = f(&store);
            // a connection that failed for another reason than the
            // request's own is not reused
            let reusable = !matches!(result, Err(StoreError::Sqlite(_) | StoreError::Io(..)));
            if reusable && store.set_deadline(None).is_ok() {
                if let Ok(mut idle) = inner.idle.lock() {
                    idle.push(store);
                }
            }
            result
        })
        .await;
        match joined {
            Ok(r) => r.map_err(ApiError::from),
            Err(e) => Err(ApiError::internal(format!("a query failed: {e}"))),
        }
    }
}
