-- Caseload simulations (#19) the user chose to keep: the aggregate report only (counts, totals, distributions, the
-- first changed cases' answers by row number). The caseload itself is never stored.
CREATE TABLE simulation_reports (
    id               INTEGER PRIMARY KEY,
    ruleset_id       TEXT NOT NULL,
    title            TEXT NOT NULL,
    cases            BIGINT NOT NULL,
    report_json      TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX simulation_reports_ruleset ON simulation_reports (ruleset_id, id);
