-- Every publication, numbered: the import of rules/, a ruleset version, a sats revision. A node's snapshot knows the
-- id of the latest publication it holds; a node whose id is behind the database's reloads (migrations/postgres has
-- the same table, and there a publication also sends NOTIFY).
--
-- sequence is the subject's count of published rows after this publication (a ruleset's versions, a series'
-- revisions; the number of imports of rules/). The publisher states the count its checks saw, so of two publications of one
-- subject that were checked against the same state, UNIQUE lets exactly one in: the other is a conflict.
CREATE TABLE publications (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    published_at     TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('import', 'version', 'sats')),
    subject          TEXT NOT NULL,
    sequence         INTEGER NOT NULL CHECK (sequence > 0),
    entity_id        INTEGER,
    actor            TEXT NOT NULL,
    UNIQUE (kind, subject, sequence)
);

-- The number must be the true count, whoever inserts the row.
CREATE TRIGGER publications_sequence_is_the_count BEFORE INSERT ON publications
WHEN (NEW.kind = 'import' AND NEW.sequence <> (SELECT COUNT(*) FROM publications WHERE kind = 'import') + 1)
  OR (NEW.kind = 'version' AND NEW.sequence <> (SELECT COUNT(*) FROM versions WHERE ruleset_id = NEW.subject AND status = 'published'))
  OR (NEW.kind = 'sats' AND NEW.sequence <> (SELECT COUNT(*) FROM sats_revisions WHERE key = NEW.subject AND status = 'published'))
BEGIN SELECT RAISE(ABORT, 'En offentliggørelses nummer skal være antallet af offentliggjorte udgaver af emnet.'); END;

CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN SELECT RAISE(ABORT, 'En offentliggørelse kan ikke ændres.'); END;

CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN SELECT RAISE(ABORT, 'En offentliggørelse kan ikke slettes.'); END;

-- A database that already holds rules had its import: it counts as publication 1.
INSERT INTO publications (published_at, kind, subject, sequence, actor)
SELECT (SELECT MIN(created_at) FROM rulesets), 'import', 'rules', 1, 'import'
WHERE EXISTS (SELECT 1 FROM rulesets);
