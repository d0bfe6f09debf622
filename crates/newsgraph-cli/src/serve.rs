//! `newsgraph serve`: index the given inputs first (what the store holds
//! already is skipped), then serve the store (`newsgraph-server`).

use crate::store::{self, Db, IndexArgs};
use anyhow::Result;
use newsgraph_ingest::DEFAULT_MAX_BYTES;
use newsgraph_server::Config;
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: Db,
    /// Where to listen: loopback by default; port 0 takes a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Index these inputs (files, directories) into the store first.
    #[arg(long, num_args = 1.., value_name = "INPUT")]
    pub index: Vec<String>,
    /// The longest a request's queries may run, in seconds.
    #[arg(long, default_value_t = 5)]
    pub query_seconds: u64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if !args.index.is_empty() {
        // a bad input is reported by index and skipped; the rest is served
        store::index(IndexArgs { db: args.db.clone(), inputs: args.index.clone(), published: None, max_bytes: DEFAULT_MAX_BYTES })?;
    }
    let path = args.db.path();
    let mut config = Config::new(path.clone());
    config.addr = args.addr;
    config.query_time = Duration::from_secs(args.query_seconds.max(1));
    if !args.addr.ip().is_loopback() {
        eprintln!("newsgraph: warning: listening on {}: other machines can reach this server", args.addr);
    }
    newsgraph_server::run(&config, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "newsgraph: serving {} at http://{addr}/ (Ctrl-C stops)", path.display());
        let _ = out.flush();
    })?;
    Ok(ExitCode::SUCCESS)
}
