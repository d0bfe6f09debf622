//! The store's tables, versioned with `PRAGMA user_version`: each migration
//! takes a store from one version to the next, in one transaction. The
//! README documents every table for people who open the file with
//! `sqlite3`, Python or Datasette.

use rusqlite::Connection;

/// The schema this build writes and reads.
pub const VERSION: i64 = 2;

/// The migrations, in order: `MIGRATIONS[n]` takes version `n` to `n + 1`.
const MIGRATIONS: [&str; 2] = [V1, V2];

const V1: &str = r#"
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    record_id       TEXT NOT NULL,           -- the record's id
    source          TEXT NOT NULL,
    url             TEXT,
    canonical_url   TEXT,
    title           TEXT,
    published       TEXT,                    -- as the record gives it
    published_date  TEXT,                    -- its calendar date, YYYY-MM-DD
    published_from  TEXT,                    -- 'dateline' or 'lead' when the text dated itself
    language        TEXT,
    author          TEXT,
    site_name       TEXT,
    text            TEXT NOT NULL,           -- every offset refers to it (characters)
    content_hash    TEXT NOT NULL,
    dedup_key       TEXT NOT NULL UNIQUE,    -- 'url:' canonical URL, else 'hash:' content hash
    rules_version   TEXT NOT NULL,           -- the extraction rules that made the rows
    duplicate_of    INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    headings        TEXT NOT NULL,           -- the record's sub-headings, JSON
    input           TEXT NOT NULL,           -- the pipeline input's JSON without its text (reindex)
    indexed_at      TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_date DESC, id DESC);
CREATE INDEX articles_record_id ON articles(record_id);

-- the store's own bookkeeping: 'bands_through', the last article whose
-- band rows are all in article_bands (see bands.rs)
CREATE TABLE store_state (
    key     TEXT PRIMARY KEY,
    value   INTEGER
) WITHOUT ROWID;

-- each article's MinHash signature (near-duplicates), apart from its text:
-- a signature is read for each candidate, and a column after the text
-- would be read through the text's overflow pages
CREATE TABLE signatures (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature   BLOB NOT NULL
);

-- the near-duplicate index: a row per band of each article's signature
CREATE TABLE article_bands (
    band_key    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,               -- the fullest name seen
    type        TEXT NOT NULL,               -- PERSON, ORG, GPE, LOC, NORP, MISC
    name_key    TEXT NOT NULL,               -- the name folded
    surname_key TEXT,                        -- people: the last word folded
    actor       TEXT,                        -- the latest CAMEO actor code seen
    mentions    INTEGER NOT NULL DEFAULT 0,
    articles    INTEGER NOT NULL DEFAULT 0,
    quotes      INTEGER NOT NULL DEFAULT 0,  -- quotes attributed to it
    first_seen  TEXT,                        -- publication dates
    last_seen   TEXT
);
CREATE INDEX entities_key ON entities(type, name_key);
CREATE INDEX entities_surname ON entities(surname_key) WHERE surname_key IS NOT NULL;
CREATE INDEX entities_actor ON entities(type, actor) WHERE actor IS NOT NULL;
CREATE INDEX entities_rank ON entities(mentions DESC);
CREATE INDEX entities_type_rank ON entities(type, mentions DESC);

CREATE TABLE article_entities (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id    TEXT NOT NULL,               -- the record's id: 'e3'
    entity_id   INTEGER REFERENCES entities(id),
    published_date TEXT,                     -- the article's
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    title       TEXT,
    actor       TEXT,
    mentions    INTEGER NOT NULL
);
CREATE INDEX article_entities_article ON article_entities(article_id);
CREATE INDEX article_entities_entity ON article_entities(entity_id, published_date);

CREATE TABLE mentions (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    article_entity_id INTEGER NOT NULL REFERENCES article_entities(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,            -- its place among the entity's mentions
    entity_id   INTEGER,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- name, description, pronoun
    PRIMARY KEY (article_id, article_entity_id, seq)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published_date  TEXT,
    kind            TEXT NOT NULL,           -- direct, partial, headline, indirect
    content         TEXT NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    speaker_text    TEXT,
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    speaker_local   TEXT,                    -- the record's entity id: 'e3'
    speaker_name    TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id),
    cue_text        TEXT,
    cue_start       INTEGER,
    cue_end         INTEGER,
    addressee_text  TEXT,
    addressee_start INTEGER,
    addressee_end   INTEGER,
    confidence      REAL NOT NULL,
    pattern         TEXT NOT NULL,
    flag            TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id, published_date DESC);
CREATE INDEX quotes_published ON quotes(published_date DESC, id DESC);

-- the entities a quote mentions
CREATE TABLE quote_entities (
    quote_id    INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (quote_id, entity_id)
) WITHOUT ROWID;

CREATE TABLE times (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,            -- its place in the record
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

CREATE TABLE amounts (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    value       REAL NOT NULL,
    upper       REAL,
    type        TEXT NOT NULL,
    unit        TEXT,
    object      TEXT,
    qualifier   TEXT,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

-- Full text, contentless (the text is in the tables above): a row's id is
-- its date's day in the high 32 bits and the article's or quote's id in
-- the low ones, so that matches come newest first.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
-- a quote's words, and the names of the entities mentioned in it
CREATE VIRTUAL TABLE quotes_fts USING fts5(content, entities, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE entities_fts USING fts5(name, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
-- merge index segments 16 at a time, not 4: a quarter of the merging while
-- writing, at the cost of a few more segments to read per query
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO quotes_fts (quotes_fts, rank) VALUES ('automerge', 16);

-- A person's or organisation's titles over time (kept with the articles).
CREATE TABLE entity_titles (
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    title       TEXT NOT NULL,
    articles    INTEGER NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    PRIMARY KEY (entity_id, title)
) WITHOUT ROWID;
"#;

/// What the store file is, before migrating.
pub enum Found {
    /// A new, empty file.
    Empty,
    /// A store at this version.
    Version(i64),
    /// An SQLite database that is not a newsgraph store.
    Foreign,
}

pub fn inspect(conn: &Connection) -> rusqlite::Result<Found> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(match (version, tables) {
        (0, 0) => Found::Empty,
        (0, _) => Found::Foreign,
        (v, _) => {
            let ours: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'articles'", [], |r| r.get(0))?;
            if ours == 1 {
                Found::Version(v)
            } else {
                Found::Foreign
            }
        }
    })
}

/// Brings the store from `from` to [`VERSION`], one migration and one
/// transaction at a time.
pub fn migrate(conn: &mut Connection, from: i64) -> rusqlite::Result<()> {
    for (v, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // another process may have migrated it meanwhile
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > v as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", v as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Version 2: events (who did what to whom, in CAMEO), a row each, with
/// their actors' store-wide entities.
const V2: &str = r#"
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,            -- its place in the record's events
    published_date  TEXT,                        -- the article's
    date            TEXT,                        -- the event's (TIMEX3), else the article's
    cameo           TEXT NOT NULL,               -- '0356'
    root            TEXT NOT NULL,
    base            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover          TEXT,
    plover_mode     TEXT,
    status          TEXT NOT NULL,               -- fact, claim, negated, future, conditional, background
    claimed_by      TEXT,
    confidence      REAL NOT NULL,
    action_text     TEXT NOT NULL,
    action_start    INTEGER NOT NULL,
    action_end      INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    source_text     TEXT, source_start INTEGER, source_end INTEGER, source_name TEXT, source_code TEXT,
    source_local    TEXT,                        -- the record's entity id
    source_entity_id INTEGER REFERENCES entities(id),
    target_text     TEXT, target_start INTEGER, target_end INTEGER, target_name TEXT, target_code TEXT,
    target_local    TEXT,
    target_entity_id INTEGER REFERENCES entities(id),
    location_text   TEXT, location_start INTEGER, location_end INTEGER, location_name TEXT, location_code TEXT,
    location_local  TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_source ON events(source_entity_id, published_date);
CREATE INDEX events_target ON events(target_entity_id, published_date);
CREATE INDEX events_published ON events(published_date DESC, id DESC);
CREATE INDEX events_dyad ON events(root, date, source_code, target_code);
"#;
