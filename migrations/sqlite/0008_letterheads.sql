-- The letterheads of the municipalities on this installation (name, address, logo, contact lines, signing unit,
-- klage address, reply deadline text) as canonical JSON. Every change is a new revision, published at once by an
-- administrator and audited; a revision never changes, so a letter can be traced to the letterhead it carried.
CREATE TABLE letterhead_revisions (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL,
    content_json     TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    published_at     TEXT NOT NULL
);
CREATE INDEX letterhead_revisions_by_key ON letterhead_revisions(key, published_at);

CREATE TRIGGER letterhead_revisions_no_update BEFORE UPDATE ON letterhead_revisions
BEGIN SELECT RAISE(ABORT, 'Et gemt brevhoved kan ikke ændres; gem en ny udgave.'); END;

CREATE TRIGGER letterhead_revisions_no_delete BEFORE DELETE ON letterhead_revisions
BEGIN SELECT RAISE(ABORT, 'Et gemt brevhoved kan ikke slettes.'); END;

-- The municipality an API key writes letters for; NULL: the installation's default letterhead.
ALTER TABLE api_clients ADD COLUMN letterhead_key TEXT;
