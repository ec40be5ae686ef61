-- Caseload simulations started through the API (#19): a job and its partitions, claimable by any node. The caseload's
-- rows live here only while the job runs (simulation_partitions.input is cleared as each partition is counted and when
-- the job ends or is cancelled); what is kept is the aggregate report. The same tables as migrations/postgres/0009.
CREATE TABLE simulation_jobs (
    id               TEXT PRIMARY KEY,
    client           TEXT NOT NULL,
    ruleset_id       TEXT NOT NULL,
    request_json     TEXT NOT NULL,
    format           TEXT NOT NULL,
    state            TEXT NOT NULL,
    partitions       INTEGER NOT NULL,
    rows             BIGINT NOT NULL,
    created_at       TEXT NOT NULL,
    finished_at      TEXT NULL,
    report_json      TEXT NULL,
    problem          TEXT NULL
);
CREATE INDEX simulation_jobs_state ON simulation_jobs (state);

-- One slice of a job's caseload: its rows (input, NULL once the slice is counted or the job ended) and, when counted,
-- its tally (aggregates only). first_row is the file's number of the slice's first row.
CREATE TABLE simulation_partitions (
    job_id           TEXT NOT NULL REFERENCES simulation_jobs(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    first_row        BIGINT NOT NULL,
    rows             BIGINT NOT NULL,
    input            TEXT NULL,
    state            TEXT NOT NULL,
    node             TEXT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    cases            BIGINT NOT NULL DEFAULT 0,
    part_json        TEXT NULL,
    PRIMARY KEY (job_id, number)
);
