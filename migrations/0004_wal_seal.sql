-- The seal: one row, on a page of its own, that every write rewrites. Its text names the case,
-- the audit head this write started from (base) and the head it left (head), in fixed columns
-- framed by 'CRBTSEAL1' ... 'LAES' so that the open can find it in raw page bytes, in the main
-- file and in the frames of a write-ahead log, before SQLite ever reads the log
-- (electron/core/sidecars.ts). Layout (1-based, 209 characters):
--   1-9 'CRBTSEAL1' | 10-45 case id | 46-61 base seq | 62-125 base hash | 126-141 head seq |
--   142-205 head hash | 206-209 'LAES'
-- A log belongs to a main file when its first sealed write started from the head the main file
-- holds, or when the main file already holds one of the log's own seals (a checkpoint, whole or
-- cut short by a crash). It holds no content: an id and hashes.
CREATE TABLE wal_seal (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seal TEXT NOT NULL CHECK (length(seal) = 209)
) STRICT;

INSERT INTO wal_seal (id, seal)
SELECT 1,
  'CRBTSEAL1' || printf('%-36.36s', coalesce((SELECT value FROM case_meta WHERE key = 'case_id'), '')) ||
  printf('%016d', coalesce(h.seq, 0)) || coalesce(h.hash, printf('%064d', 0)) ||
  printf('%016d', coalesce(h.seq, 0)) || coalesce(h.hash, printf('%064d', 0)) || 'LAES'
FROM (SELECT 1) LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS h;

-- Every event moves the head; the base is moved by the app at the start of each write.
CREATE TRIGGER wal_seal_follows_audit AFTER INSERT ON audit_log
BEGIN
  UPDATE wal_seal SET seal =
    'CRBTSEAL1' || printf('%-36.36s', coalesce((SELECT value FROM case_meta WHERE key = 'case_id'), '')) ||
    substr(seal, 46, 80) || printf('%016d', NEW.seq) || printf('%-64.64s', NEW.hash) || 'LAES'
  WHERE id = 1;
END;
