-- Serviceloven rules server: initial schema.
-- Dates are TEXT 'yyyy-MM-dd', instants TEXT ISO 8601 UTC, amounts TEXT decimals (never REAL).

CREATE TABLE rulesets (
    id               TEXT PRIMARY KEY,
    definition_json  TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

-- One row per version of a ruleset. Drafts change; a published row never changes (see triggers).
CREATE TABLE versions (
    id               INTEGER PRIMARY KEY,
    ruleset_id       TEXT NOT NULL REFERENCES rulesets(id),
    valid_from       TEXT NOT NULL,
    valid_to         TEXT,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published')),
    content_json     TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    tests_json       TEXT NOT NULL,
    templates_json   TEXT NOT NULL,
    based_on         INTEGER REFERENCES versions(id),
    revision         INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT,
    updated_at       TEXT,
    submitted_by     TEXT,
    submitted_at     TEXT,
    approved_by      TEXT,
    approved_at      TEXT,
    published_at     TEXT,
    review_comment   TEXT,
    CHECK (status <> 'published' OR (published_at IS NOT NULL AND approved_by IS NOT NULL))
);
CREATE INDEX versions_by_ruleset ON versions(ruleset_id, valid_from);

CREATE TRIGGER versions_published_no_update BEFORE UPDATE ON versions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort version kan ikke ændres.'); END;

CREATE TRIGGER versions_published_no_delete BEFORE DELETE ON versions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort version kan ikke slettes.'); END;

-- Sats series: each revision is the whole series (all dated values), drafted, approved and published like a version.
CREATE TABLE sats_revisions (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published')),
    content_json     TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    based_on         INTEGER REFERENCES sats_revisions(id),
    revision         INTEGER NOT NULL DEFAULT 1,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_by       TEXT,
    updated_at       TEXT,
    submitted_by     TEXT,
    submitted_at     TEXT,
    approved_by      TEXT,
    approved_at      TEXT,
    published_at     TEXT,
    review_comment   TEXT,
    CHECK (status <> 'published' OR (published_at IS NOT NULL AND approved_by IS NOT NULL))
);
CREATE INDEX sats_revisions_by_key ON sats_revisions(key);

-- The dated values of each sats revision, for queries and overviews (amounts as TEXT decimals).
CREATE TABLE sats_values (
    revision_id      INTEGER NOT NULL REFERENCES sats_revisions(id),
    valid_from       TEXT NOT NULL,
    valid_to         TEXT,
    value            TEXT NOT NULL,
    source           TEXT NOT NULL,
    note             TEXT,
    PRIMARY KEY (revision_id, valid_from)
);

CREATE TRIGGER sats_published_no_update BEFORE UPDATE ON sats_revisions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort sats kan ikke ændres.'); END;

CREATE TRIGGER sats_published_no_delete BEFORE DELETE ON sats_revisions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort sats kan ikke slettes.'); END;

CREATE TRIGGER sats_values_published_no_update BEFORE UPDATE ON sats_values
WHEN (SELECT status FROM sats_revisions WHERE id = OLD.revision_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'Værdierne i en offentliggjort sats kan ikke ændres.'); END;

CREATE TRIGGER sats_values_published_no_delete BEFORE DELETE ON sats_values
WHEN (SELECT status FROM sats_revisions WHERE id = OLD.revision_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'Værdierne i en offentliggjort sats kan ikke slettes.'); END;

CREATE TABLE lookup_revisions (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published')),
    content_json     TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    approved_by      TEXT,
    published_at     TEXT,
    CHECK (status <> 'published' OR (published_at IS NOT NULL AND approved_by IS NOT NULL))
);

CREATE TRIGGER lookup_published_no_update BEFORE UPDATE ON lookup_revisions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort opslagstabel kan ikke ændres.'); END;

CREATE TRIGGER lookup_published_no_delete BEFORE DELETE ON lookup_revisions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'En offentliggjort opslagstabel kan ikke slettes.'); END;

-- Partials shared by every ruleset's templates (klagevejledning, ...), kept as published revisions.
CREATE TABLE shared_templates (
    id               INTEGER PRIMARY KEY,
    path             TEXT NOT NULL,
    text             TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    published_at     TEXT NOT NULL
);

CREATE TRIGGER shared_templates_no_update BEFORE UPDATE ON shared_templates
BEGIN SELECT RAISE(ABORT, 'En offentliggjort skabelon kan ikke ændres.'); END;

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    roles            TEXT NOT NULL,
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL
);

-- API keys are stored only as SHA-256 hashes; the key itself is shown once when created.
CREATE TABLE api_clients (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    key_hash         TEXT NOT NULL UNIQUE,
    key_prefix       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    revoked_at       TEXT
);

-- Append-only: no row may change or disappear.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    action           TEXT NOT NULL,
    entity           TEXT NOT NULL,
    entity_id        TEXT,
    before_hash      TEXT,
    after_hash       TEXT,
    detail           TEXT
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Revisionssporet kan ikke ændres.'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Revisionssporet kan ikke slettes.'); END;
