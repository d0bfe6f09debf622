//! `newsgraph serve`: the store over HTTP, as a JSON API (and CSV) that
//! other tools call, and as web pages people read: search, an article with
//! its quotes, speakers, entities, dates and amounts highlighted, a person
//! or organisation over time, and the quotes table.
//!
//! - [`api`]: `/api/...`, described by `/api/openapi.json`; a bad
//!   parameter is a 400 whose JSON body names it, an unknown id a 404;
//!   nothing a client sends is answered with a 500.
//! - [`pages`]: HTML rendered on the server (askama templates, which escape
//!   every value), one small script and one style sheet shipped in the
//!   binary ([`assets`]); no script from anywhere else, none inline
//!   ([`security`] sets the Content-Security-Policy).
//! - [`state`]: a pool of read connections to the store; each request's
//!   queries run on a blocking thread with a deadline.
//!
//! Binds loopback unless told otherwise (the command's `--addr`).

pub mod api;
pub mod assets;
pub mod chart;
mod csv_out;
pub mod error;
pub mod highlight;
pub mod pages;
mod params;
pub mod security;
pub mod state;

use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use state::AppState;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store to serve (it must exist).
    pub db: PathBuf,
    /// Where to listen; loopback by default.
    pub addr: SocketAddr,
    /// The longest a request's queries may run.
    pub query_time: Duration,
    /// How many requests may read the store at once (more wait their turn).
    pub readers: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config { db, addr: SocketAddr::from(([127, 0, 0, 1], 8080)), query_time: Duration::from_secs(5), readers: 16 }
    }
}

/// The whole application: API, pages, static files, and the layers every
/// response goes through (security headers, limits, timeouts).
pub fn app(state: AppState) -> Router {
    let timeout = state.query_time() * 2;
    let router = Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .with_state(state);
    security::apply(router, timeout)
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    Store(newsgraph_store::StoreError),
    Bind(SocketAddr, std::io::Error),
    Io(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Store(e) => write!(f, "{e}"),
            ServeError::Bind(a, e) if e.kind() == std::io::ErrorKind::AddrInUse => write!(f, "{a} is in use: choose another address with --addr"),
            ServeError::Bind(a, e) => write!(f, "cannot listen on {a}: {e}"),
            ServeError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Serves until Ctrl-C (or SIGTERM); `ready` is told the address listened
/// on (the port chosen when `addr` asked for port 0) before the first
/// request is taken.
pub fn run(config: &Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let state = AppState::open(config).map_err(ServeError::Store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServeError::Io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|e| ServeError::Bind(config.addr, e))?;
        let addr = listener.local_addr().map_err(ServeError::Io)?;
        ready(addr);
        axum::serve(listener, app(state)).with_graceful_shutdown(shutdown()).await.map_err(ServeError::Io)
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
