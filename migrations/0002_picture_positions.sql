-- Where the investigator left each node of a picture (the deal network), so its layout is the same
-- on every visit and on every copy of the case. Layout, not evidence: it says nothing about who
-- sold what or how we know it, so it is overwritten in place and not written to the audit log
-- (like claim_verdicts). node_id names a deal or an actor; a removed record's position is harmless.
CREATE TABLE picture_positions (
  picture    TEXT NOT NULL CHECK (picture IN ('network')),
  node_id    TEXT NOT NULL CHECK (length(node_id) = 36),
  x          REAL NOT NULL CHECK (abs(x) <= 1e7),
  y          REAL NOT NULL CHECK (abs(y) <= 1e7),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (picture, node_id)
) STRICT, WITHOUT ROWID;
