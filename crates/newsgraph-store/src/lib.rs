//! The newsgraph store: extraction records in one SQLite file (WAL, FTS5;
//! no server to install), the people and organisations they name linked
//! across articles, and the analyst's questions: what did X say about Y,
//! between which dates; who is quoted most; when did a name appear.
//!
//! - [`Store::open`] opens or creates a store (`--db PATH`, else
//!   `$NEWSGRAPH_DB`, else `newsgraph.db`: [`default_path`]), migrating its
//!   schema ([`schema`]); a file that is no store, or one written by a newer
//!   schema, is a clear error.
//! - [`Store::write_batch`] writes records in one transaction: an article
//!   seen before (its canonical URL, else its content's hash) is stored
//!   once, and replaced when newer rules extracted it; near-duplicates are
//!   found across the whole store (MinHash signatures on disk).
//! - [`query`]: `search`, `quotes`, `entities`, `timeline`, newest first,
//!   paginated; user text never reaches SQL or FTS5 syntax unescaped.
//!
//! A process killed in the middle of a write leaves the last committed
//! batch: every article with all its rows, or none of them.

mod bands;
mod detail;
pub mod keys;
mod link;
pub mod query;
mod read;
pub mod schema;
mod write;

pub use detail::{EntityDetail, Related};
pub use query::{DateRange, EntityRow, Page, Period, QuoteFilter, QuoteRow, SearchFilter, SearchHit, TimelinePoint, MAX_LIMIT};
pub use write::{Outcome, Prepared, Put, WriteSummary};

use rusqlite::{Connection, OpenFlags};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The store's path: the caller's, else `$NEWSGRAPH_DB`, else
/// `newsgraph.db` in the current directory.
pub fn default_path(given: Option<&Path>) -> PathBuf {
    if let Some(p) = given {
        return p.to_path_buf();
    }
    match std::env::var_os("NEWSGRAPH_DB") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from("newsgraph.db"),
    }
}

/// What went wrong, in one line a user can act on. Errors about what a
/// user gave (a query, a date, a file) never carry SQL.
#[derive(Debug)]
pub enum StoreError {
    /// No store at the path (queries do not create one).
    Missing(PathBuf),
    /// The file is not a newsgraph store.
    NotAStore(PathBuf, &'static str),
    /// The store was written by a newer schema than this build reads.
    Newer { path: PathBuf, found: i64 },
    /// Another process held the store longer than the wait.
    Busy(PathBuf),
    /// A query ran past the deadline set with [`Store::set_deadline`].
    TooLong,
    /// A parameter that cannot be used: its name and why.
    Parameter { name: &'static str, message: String },
    /// The store could not be read or written (a full disk, a bug).
    Sqlite(rusqlite::Error),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Missing(p) => write!(f, "no store at {}: index articles first (newsgraph index --db {} INPUT...)", p.display(), p.display()),
            StoreError::NotAStore(p, why) => write!(f, "{} is not a newsgraph store ({why})", p.display()),
            StoreError::Newer { path, found } => {
                write!(f, "{} was written by a newer newsgraph (schema version {found}; this one reads up to {})", path.display(), schema::VERSION)
            }
            StoreError::Busy(p) => write!(f, "{} is busy: another process is writing it (waited {} s)", p.display(), BUSY_WAIT.as_secs()),
            StoreError::Parameter { name, message } => write!(f, "{name}: {message}"),
            StoreError::TooLong => write!(f, "the query took longer than it may; narrow it (fewer words, a shorter date range)"),
            StoreError::Sqlite(e) => write!(f, "store error: {e}"),
            StoreError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    fn parameter(name: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Parameter { name, message: message.into() }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for another one before giving up.
pub const BUSY_WAIT: Duration = Duration::from_secs(60);

/// Whether the store may be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Create the store when it does not exist; write.
    Write,
    /// Read only; a missing store is an error.
    Read,
}

/// One store, open.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The near-duplicate index's rows not yet written (a writer's).
    bands: Option<bands::Bands>,
}

impl Store {
    /// Opens the store at `path`, creating it in [`Mode::Write`], and
    /// brings its schema up to date.
    pub fn open(path: &Path, mode: Mode) -> Result<Store> {
        if mode == Mode::Read && !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        if path.is_dir() {
            return Err(StoreError::NotAStore(path.to_path_buf(), "a directory"));
        }
        let flags = match mode {
            Mode::Write => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            // read-write all the same: a reader of a WAL store may need to
            // recover it after a crash, and to migrate an older schema
            Mode::Read => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
        conn.busy_timeout(BUSY_WAIT).map_err(|e| classify(path, e))?;
        // every statement of a write stays prepared (the default keeps 16)
        conn.set_prepared_statement_cache_capacity(128);
        let found = schema::inspect(&conn).map_err(|e| classify(path, e))?;
        let version = match found {
            schema::Found::Foreign => return Err(StoreError::NotAStore(path.to_path_buf(), "an SQLite database without newsgraph's tables")),
            schema::Found::Empty if mode == Mode::Read => return Err(StoreError::NotAStore(path.to_path_buf(), "an empty file")),
            schema::Found::Empty => 0,
            schema::Found::Version(v) if v > schema::VERSION => return Err(StoreError::Newer { path: path.to_path_buf(), found: v }),
            schema::Found::Version(v) => v,
        };
        // WAL: readers never wait for the writer, and a commit survives a
        // killed process; NORMAL syncs at checkpoints, which a crash of the
        // process (not of the machine) cannot undo
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| classify(path, e))?;
        // the schema declares its references for readers of the file; the
        // writer keeps them itself (a test runs `PRAGMA foreign_key_check`),
        // and checking each on insert would cost a lookup per row
        conn.pragma_update(None, "foreign_keys", "OFF").map_err(|e| classify(path, e))?;
        conn.pragma_update(None, "cache_size", -32_000).map_err(|e| classify(path, e))?;
        // a checkpoint every 40 MB of log rather than 4: fewer, longer copies
        conn.pragma_update(None, "wal_autocheckpoint", 10_000).map_err(|e| classify(path, e))?;
        // statement journals (a multi-row insert's undo) in memory, not in a temporary file
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(|e| classify(path, e))?;
        if version < schema::VERSION {
            schema::migrate(&mut conn, version).map_err(|e| classify(path, e))?;
        }
        Ok(Store { conn, path: path.to_path_buf(), bands: None })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Queries after this give up at the deadline with
    /// [`StoreError::TooLong`] (SQLite's progress handler, every few
    /// thousand steps); `None` lifts it. A server bounds each request so.
    pub fn set_deadline(&mut self, deadline: Option<std::time::Instant>) -> Result<()> {
        match deadline {
            Some(d) => self.conn.progress_handler(1_000, Some(move || std::time::Instant::now() >= d)),
            None => self.conn.progress_handler(0, None::<fn() -> bool>),
        }
        .map_err(|e| self.error(e))
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| self.error(e))
    }

    /// Rows of each table, for reports and tests.
    pub fn counts(&self) -> Result<Vec<(&'static str, i64)>> {
        let tables = ["articles", "entities", "article_entities", "mentions", "quotes", "quote_entities", "times", "amounts", "events"];
        tables
            .iter()
            .map(|t| Ok((*t, self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).map_err(|e| self.error(e))?)))
            .collect()
    }

    /// The file's size in bytes, its write-ahead log included.
    pub fn size_bytes(&self) -> u64 {
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        [self.path.as_path(), wal.as_path()].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
    }

    fn error(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }
}

impl Drop for Store {
    /// The near-duplicate rows kept in memory are written (were the process
    /// killed instead, the next writer would rebuild them).
    fn drop(&mut self) {
        let _ = self.flush_bands();
    }
}

/// A store error by its SQLite code: a file that is no database, a busy
/// store; else the error itself.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotAStore(path.to_path_buf(), "not an SQLite database"),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(path.to_path_buf()),
        Some(ErrorCode::OperationInterrupted) => StoreError::TooLong,
        Some(ErrorCode::CannotOpen) => StoreError::Io(path.to_path_buf(), std::io::Error::other("cannot open the file")),
        _ => StoreError::Sqlite(e),
    }
}
