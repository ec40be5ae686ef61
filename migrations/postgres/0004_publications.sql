-- Every publication, numbered: the import of rules/, a ruleset version, a sats revision. A node's snapshot knows the
-- id of the latest publication it holds; a node whose id is behind the database's reloads. Each publication also
-- sends NOTIFY serviceloven_publications with its id, so the other nodes reload within moments.
--
-- sequence is the subject's count of published rows after this publication (a ruleset's versions, a series'
-- revisions; the number of imports of rules/). The publisher states the count its checks saw, so of two publications of one
-- subject that were checked against the same state, UNIQUE lets exactly one in: the other is a conflict, also when
-- they run at the same moment on two nodes (the second waits for the first's commit, then fails).
CREATE TABLE publications (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published_at     utc_instant NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('import', 'version', 'sats')),
    subject          TEXT NOT NULL,
    sequence         BIGINT NOT NULL CHECK (sequence > 0),
    entity_id        BIGINT,
    actor            TEXT NOT NULL,
    UNIQUE (kind, subject, sequence)
);

-- The number must be the true count, whoever inserts the row. A publication committed by another transaction after
-- this one counted is a concurrency failure (serialization_failure), like the UNIQUE's.
CREATE FUNCTION check_publication_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    published BIGINT;
BEGIN
    published := CASE NEW.kind
        WHEN 'import' THEN (SELECT COUNT(*) FROM publications WHERE kind = 'import') + 1
        WHEN 'version' THEN (SELECT COUNT(*) FROM versions WHERE ruleset_id = NEW.subject AND status = 'published')
        WHEN 'sats' THEN (SELECT COUNT(*) FROM sats_revisions WHERE key = NEW.subject AND status = 'published')
    END;
    IF NEW.sequence <> published THEN
        RAISE EXCEPTION 'En offentliggørelses nummer skal være antallet af offentliggjorte udgaver af emnet (% nr. %, men der er %).',
            NEW.subject, NEW.sequence, published USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER publications_sequence_is_the_count BEFORE INSERT ON publications
FOR EACH ROW EXECUTE FUNCTION check_publication_sequence();

CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
FOR EACH ROW EXECUTE FUNCTION refuse_change('En offentliggørelse kan ikke ændres.');

CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
FOR EACH ROW EXECUTE FUNCTION refuse_change('En offentliggørelse kan ikke slettes.');

CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('Offentliggørelserne kan ikke tømmes.');

-- A database that already holds rules had its import: it counts as publication 1.
INSERT INTO publications (published_at, kind, subject, sequence, actor)
SELECT (SELECT MIN(created_at) FROM rulesets), 'import', 'rules', 1, 'import'
WHERE EXISTS (SELECT 1 FROM rulesets);
