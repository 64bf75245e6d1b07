-- Search v2: the index is rebuilt so that
--  * evidence, the kind that reaches millions of rows, has an index of its own (search_fts_evidence):
--    FTS5 walks a word's whole list of matches in an index, so a common word in a million excerpts
--    must not slow down finding the claims, sources, deals and actors that use it (search_fts);
--  * each record kind owns a rowid range (search_docs.doc = slot * 2^40 + n, slots: claim 1,
--    source 2, deal 3, actor 4, evidence 5 — see electron/core/search-index.ts), so a search reads
--    one kind's matches at a time and can stop after a capped number;
--  * beside the original text, `folded` holds the plain-Latin form of the words transliteration
--    changes (cb_fold) and `variant` their spelling-variant keys (cb_variant), so "Toshkent" and
--    "Tashkent" both find "Ташкент". Both functions are defined by the app (electron/core/transliterate.ts);
--    case_meta.search_fold_version records which version of them built the index.

DROP TRIGGER deals_fts_insert;
DROP TRIGGER deals_fts_update;
DROP TRIGGER actors_fts_insert;
DROP TRIGGER actors_fts_update;
DROP TRIGGER sources_fts_insert;
DROP TRIGGER sources_fts_update;
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_update;
DROP TRIGGER evidence_fts_insert;
DROP TRIGGER evidence_fts_update;
DROP TABLE search_fts;
DROP TABLE search_docs;

CREATE TABLE search_docs (
  doc       INTEGER PRIMARY KEY,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL UNIQUE
) STRICT;
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title, body, folded, variant,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE VIRTUAL TABLE search_fts_evidence USING fts5 (
  title, body, folded, variant,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Existing records, in the order they were written.
INSERT INTO search_docs (doc, entity, entity_id)
  SELECT 1099511627776 + row_number() OVER (ORDER BY rowid), 'claim', id FROM claims;
INSERT INTO search_docs (doc, entity, entity_id)
  SELECT 2199023255552 + row_number() OVER (ORDER BY rowid), 'source', id FROM sources;
INSERT INTO search_docs (doc, entity, entity_id)
  SELECT 3298534883328 + row_number() OVER (ORDER BY rowid), 'deal', id FROM deals;
INSERT INTO search_docs (doc, entity, entity_id)
  SELECT 4398046511104 + row_number() OVER (ORDER BY rowid), 'actor', id FROM actors;
INSERT INTO search_docs (doc, entity, entity_id)
  SELECT 5497558138880 + row_number() OVER (ORDER BY rowid), 'evidence', id FROM evidence;

INSERT INTO search_fts (rowid, title, body)
  SELECT d.doc, t.statement, (SELECT group_concat(value, ' ') FROM json_each(t.tags))
  FROM claims t JOIN search_docs d ON d.entity_id = t.id;
INSERT INTO search_fts (rowid, title, body)
  SELECT d.doc, t.title, concat_ws(' ', t.author, t.publisher, t.notes)
  FROM sources t JOIN search_docs d ON d.entity_id = t.id;
INSERT INTO search_fts_evidence (rowid, title, body)
  SELECT d.doc, t.excerpt, concat_ws(' ', t.note, t.locator)
  FROM evidence t JOIN search_docs d ON d.entity_id = t.id;
INSERT INTO search_fts (rowid, title, body)
  SELECT d.doc, t.title, concat_ws(' ', t.country, t.summary)
  FROM deals t JOIN search_docs d ON d.entity_id = t.id;
INSERT INTO search_fts (rowid, title, body)
  SELECT d.doc, t.name, concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(t.aliases)), t.country)
  FROM actors t JOIN search_docs d ON d.entity_id = t.id;
UPDATE search_fts SET folded = cb_fold(title, body), variant = cb_variant(title, body);
UPDATE search_fts_evidence SET folded = cb_fold(title, body), variant = cb_variant(title, body);

INSERT INTO case_meta (key, value) VALUES ('search_fold_version', '1')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- New records: the next doc of the kind's range.
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO search_docs (doc, entity, entity_id) VALUES (coalesce((SELECT doc FROM search_docs
    WHERE doc BETWEEN 1099511627776 AND 2199023255551 ORDER BY doc DESC LIMIT 1), 1099511627776) + 1, 'claim', new.id);
  INSERT INTO search_fts (rowid, title, body, folded, variant) VALUES (last_insert_rowid(), new.statement,
    (SELECT group_concat(value, ' ') FROM json_each(new.tags)),
    cb_fold(new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags))),
    cb_variant(new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags))));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF statement, tags ON claims BEGIN
  UPDATE search_fts SET title = new.statement, body = (SELECT group_concat(value, ' ') FROM json_each(new.tags)),
    folded = cb_fold(new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags))),
    variant = cb_variant(new.statement, (SELECT group_concat(value, ' ') FROM json_each(new.tags)))
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
  INSERT INTO search_docs (doc, entity, entity_id) VALUES (coalesce((SELECT doc FROM search_docs
    WHERE doc BETWEEN 2199023255552 AND 3298534883327 ORDER BY doc DESC LIMIT 1), 2199023255552) + 1, 'source', new.id);
  INSERT INTO search_fts (rowid, title, body, folded, variant) VALUES (last_insert_rowid(), new.title,
    concat_ws(' ', new.author, new.publisher, new.notes),
    cb_fold(new.title, new.author, new.publisher, new.notes),
    cb_variant(new.title, new.author, new.publisher, new.notes));
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, author, publisher, notes ON sources BEGIN
  UPDATE search_fts SET title = new.title, body = concat_ws(' ', new.author, new.publisher, new.notes),
    folded = cb_fold(new.title, new.author, new.publisher, new.notes),
    variant = cb_variant(new.title, new.author, new.publisher, new.notes)
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
  INSERT INTO search_docs (doc, entity, entity_id) VALUES (coalesce((SELECT doc FROM search_docs
    WHERE doc BETWEEN 5497558138880 AND 6597069766655 ORDER BY doc DESC LIMIT 1), 5497558138880) + 1, 'evidence', new.id);
  INSERT INTO search_fts_evidence (rowid, title, body, folded, variant) VALUES (last_insert_rowid(), new.excerpt,
    concat_ws(' ', new.note, new.locator),
    cb_fold(new.excerpt, new.note, new.locator),
    cb_variant(new.excerpt, new.note, new.locator));
END;
CREATE TRIGGER evidence_fts_update AFTER UPDATE OF excerpt, note, locator ON evidence BEGIN
  UPDATE search_fts_evidence SET title = new.excerpt, body = concat_ws(' ', new.note, new.locator),
    folded = cb_fold(new.excerpt, new.note, new.locator),
    variant = cb_variant(new.excerpt, new.note, new.locator)
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
  INSERT INTO search_docs (doc, entity, entity_id) VALUES (coalesce((SELECT doc FROM search_docs
    WHERE doc BETWEEN 3298534883328 AND 4398046511103 ORDER BY doc DESC LIMIT 1), 3298534883328) + 1, 'deal', new.id);
  INSERT INTO search_fts (rowid, title, body, folded, variant) VALUES (last_insert_rowid(), new.title,
    concat_ws(' ', new.country, new.summary),
    cb_fold(new.title, new.country, new.summary),
    cb_variant(new.title, new.country, new.summary));
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE OF title, country, summary ON deals BEGIN
  UPDATE search_fts SET title = new.title, body = concat_ws(' ', new.country, new.summary),
    folded = cb_fold(new.title, new.country, new.summary),
    variant = cb_variant(new.title, new.country, new.summary)
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;

CREATE TRIGGER actors_fts_insert AFTER INSERT ON actors BEGIN
  INSERT INTO search_docs (doc, entity, entity_id) VALUES (coalesce((SELECT doc FROM search_docs
    WHERE doc BETWEEN 4398046511104 AND 5497558138879 ORDER BY doc DESC LIMIT 1), 4398046511104) + 1, 'actor', new.id);
  INSERT INTO search_fts (rowid, title, body, folded, variant) VALUES (last_insert_rowid(), new.name,
    concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    cb_fold(new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    cb_variant(new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country));
END;
CREATE TRIGGER actors_fts_update AFTER UPDATE OF name, aliases, country ON actors BEGIN
  UPDATE search_fts SET title = new.name,
    body = concat_ws(' ', (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    folded = cb_fold(new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country),
    variant = cb_variant(new.name, (SELECT group_concat(value, ' ') FROM json_each(new.aliases)), new.country)
  WHERE rowid = (SELECT doc FROM search_docs WHERE entity_id = new.id);
END;
