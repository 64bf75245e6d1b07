-- Schema v1 of a Corroborate case file. One investigation, one file.
-- Every user table carries created_at / updated_at / deleted_at: removal is a tombstone.

CREATE TABLE case_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE deals (
  id             TEXT PRIMARY KEY,
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  technology     TEXT NOT NULL CHECK (technology IN ('lawful_intercept','cctv','facial_recognition','spyware','dpi','biometrics','data_retention','other')),
  country        TEXT,
  status         TEXT NOT NULL CHECK (status IN ('rumoured','announced','signed','deployed','cancelled')),
  year           INTEGER CHECK (year BETWEEN 1900 AND 2100),
  value_amount   REAL CHECK (value_amount >= 0),
  value_currency TEXT CHECK (value_currency GLOB '[A-Z][A-Z][A-Z]'),
  summary        TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
) STRICT;
CREATE INDEX deals_updated ON deals (updated_at, id);
CREATE INDEX deals_title ON deals (title, id);
CREATE INDEX deals_year ON deals (year, id);
CREATE INDEX deals_country ON deals (country, id);

CREATE TABLE actors (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind       TEXT NOT NULL CHECK (kind IN ('company','government','agency','person','organisation')),
  country    TEXT,
  aliases    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX actors_updated ON actors (updated_at, id);
CREATE INDEX actors_name ON actors (name, id);

CREATE TABLE deal_parties (
  id         TEXT PRIMARY KEY,
  deal_id    TEXT NOT NULL REFERENCES deals (id),
  actor_id   TEXT NOT NULL REFERENCES actors (id),
  role       TEXT NOT NULL CHECK (role IN ('vendor','buyer','operator','financier','intermediary')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX deal_parties_live ON deal_parties (deal_id, actor_id, role) WHERE deleted_at IS NULL;
CREATE INDEX deal_parties_actor ON deal_parties (actor_id);

CREATE TABLE sources (
  id               TEXT PRIMARY KEY,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  kind             TEXT NOT NULL CHECK (kind IN ('article','report','document','leak','interview','dataset','official_record','court_record','social_post','other')),
  url              TEXT,
  author           TEXT,
  publisher        TEXT,
  published_at     TEXT,
  accessed_at      TEXT,
  language         TEXT,
  reliability      TEXT NOT NULL CHECK (reliability IN ('A','B','C','D','E','F')),
  reliability_note TEXT,
  confidential     INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
  derived_from     TEXT REFERENCES sources (id) CHECK (derived_from IS NULL OR derived_from <> id),
  notes            TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted_at       TEXT
) STRICT;
CREATE INDEX sources_updated ON sources (updated_at, id);
CREATE INDEX sources_title ON sources (title, id);
CREATE INDEX sources_reliability ON sources (reliability, id);
CREATE INDEX sources_published ON sources (published_at, id);
CREATE INDEX sources_derived ON sources (derived_from) WHERE derived_from IS NOT NULL;

CREATE TABLE claims (
  id         TEXT PRIMARY KEY,
  statement  TEXT NOT NULL CHECK (length(trim(statement)) > 0),
  deal_id    TEXT REFERENCES deals (id),
  status     TEXT NOT NULL CHECK (status IN ('draft','under_review','verified','disputed','debunked','unverifiable')),
  tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX claims_updated ON claims (updated_at, id);
CREATE INDEX claims_statement ON claims (statement, id);
CREATE INDEX claims_status ON claims (status, id);
CREATE INDEX claims_deal ON claims (deal_id, id) WHERE deal_id IS NOT NULL;

CREATE TABLE evidence (
  id          TEXT PRIMARY KEY,
  claim_id    TEXT NOT NULL REFERENCES claims (id),
  source_id   TEXT NOT NULL REFERENCES sources (id),
  stance      TEXT NOT NULL CHECK (stance IN ('supports','contradicts','context')),
  excerpt     TEXT NOT NULL CHECK (length(trim(excerpt)) > 0),
  prefix      TEXT,
  suffix      TEXT,
  locator     TEXT,
  credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
  note        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
) STRICT;
CREATE INDEX evidence_claim ON evidence (claim_id, id);
CREATE INDEX evidence_source ON evidence (source_id, claim_id);

-- Append-only: two analysts' assessments are both kept; nothing rewrites one.
CREATE TABLE assessments (
  id         TEXT PRIMARY KEY,
  claim_id   TEXT NOT NULL REFERENCES claims (id),
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 7),
  confidence TEXT NOT NULL CHECK (confidence IN ('low','moderate','high')),
  rationale  TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX assessments_claim ON assessments (claim_id, created_at);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;

-- Attachments: preserved copies. Bytes are content-addressed (one copy per sha256) and chunked
-- so a file of several GB never has to sit whole in memory.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size   INTEGER NOT NULL CHECK (size >= 0),
  chunks INTEGER NOT NULL CHECK (chunks >= 0)
) STRICT;
CREATE TABLE blob_chunks (
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  seq    INTEGER NOT NULL CHECK (seq >= 0),
  data   BLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE attachments (
  id         TEXT PRIMARY KEY,
  source_id  TEXT NOT NULL REFERENCES sources (id),
  file_name  TEXT NOT NULL CHECK (length(file_name) > 0),
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  added_by   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX attachments_source ON attachments (source_id);
CREATE INDEX attachments_sha ON attachments (sha256);
CREATE TRIGGER blob_chunks_no_update BEFORE UPDATE ON blob_chunks
BEGIN SELECT RAISE(ABORT, 'preserved bytes are never modified'); END;

-- Derived, not audited: each live claim's verdict, kept in step by the core in the same
-- transaction as the change that moved it, so lists can filter and sort by it.
CREATE TABLE claim_verdicts (
  claim_id       TEXT PRIMARY KEY REFERENCES claims (id),
  verdict        TEXT NOT NULL CHECK (verdict IN ('unsupported','single_source','corroborated','contested')),
  evidence_count INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
CREATE INDEX claim_verdicts_verdict ON claim_verdicts (verdict, claim_id);

-- The hash-chained, append-only history. hash = sha256(prev_hash || canonical event).
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  event_id  TEXT NOT NULL UNIQUE,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  replica   TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('create','update','remove','restore','add','set','resolve','export','import')),
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  parent    TEXT,
  payload   TEXT NOT NULL CHECK (json_valid(payload)),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity_id, seq);
CREATE INDEX audit_entity_kind ON audit_log (entity, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Search: one FTS5 index over every text field of every record kind. `folded` holds the
-- transliterated (Cyrillic -> Latin) form of the same text, computed by the app-defined
-- function cb_fold(), so a Latin query finds Cyrillic text and the reverse.
CREATE TABLE search_docs (
  doc       INTEGER PRIMARY KEY,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL UNIQUE
) STRICT;
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title, body, folded,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
  INSERT INTO search_docs (entity, entity_id) VALUES ('deal', new.id);
  INSERT INTO search_fts (rowid, title, body, folded) VALUES (last_insert_rowid(), new.title,
    concat_ws(' ', new.country, new.summary), cb_fold(concat_ws(' ', new.title, new.country, new.summary)));
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE OF title, country, summary ON deals BEGIN
  UPDATE search_fts SET title = new.title, body = concat_ws(' ', new.country, new.summary),
    folded = cb_fold(concat_ws(' ', new.title, new.country, new.summary))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
  INSERT INTO search_docs (entity, entity_id) VALUES ('actor', new.id);
  INSERT INTO search_fts (rowid, title, body, folded) VALUES (last_insert_rowid(), new.name,
    concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    cb_fold(concat_ws(' ', new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country)));
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name, aliases, country ON actors BEGIN
  UPDATE search_fts SET title = new.name,
    body = concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    folded = cb_fold(concat_ws(' ', new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
  INSERT INTO search_docs (entity, entity_id) VALUES ('source', new.id);
  INSERT INTO search_fts (rowid, title, body, folded) VALUES (last_insert_rowid(), new.title,
    concat_ws(' ', new.author, new.publisher, new.notes),
    cb_fold(concat_ws(' ', new.title, new.author, new.publisher, new.notes)));
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, author, publisher, notes ON sources BEGIN
  UPDATE search_fts SET title = new.title, body = concat_ws(' ', new.author, new.publisher, new.notes),
    folded = cb_fold(concat_ws(' ', new.title, new.author, new.publisher, new.notes))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO search_docs (entity, entity_id) VALUES ('claim', new.id);
  INSERT INTO search_fts (rowid, title, body, folded) VALUES (last_insert_rowid(), new.statement,
    (SELECT group_concat(value, ' ') FROM json_each(new.tags)),
    cb_fold(concat_ws(' ', new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags)))));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF statement, tags ON claims BEGIN
  UPDATE search_fts SET title = new.statement, body = (SELECT group_concat(value, ' ') FROM json_each(new.tags)),
    folded = cb_fold(concat_ws(' ', new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags))))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
  INSERT INTO search_docs (entity, entity_id) VALUES ('evidence', new.id);
  INSERT INTO search_fts (rowid, title, body, folded) VALUES (last_insert_rowid(), new.excerpt,
    concat_ws(' ', new.note, new.locator), cb_fold(concat_ws(' ', new.excerpt, new.note)));
END;
CREATE TRIGGER evidence_fts_update AFTER UPDATE OF excerpt, note, locator ON evidence BEGIN
  UPDATE search_fts SET title = new.excerpt, body = concat_ws(' ', new.note, new.locator),
    folded = cb_fold(concat_ws(' ', new.excerpt, new.note))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;
