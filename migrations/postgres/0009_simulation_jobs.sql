-- Caseload simulations started through the API (#19): a job and its partitions, claimable by any node. The caseload's
-- rows live here only while the job runs (simulation_partitions.input is cleared as each partition is counted and when
-- the job ends or is cancelled); what is kept is the aggregate report. The same tables as migrations/sqlite/0009.
CREATE TABLE simulation_jobs (
    id               TEXT PRIMARY KEY,
    client           TEXT NOT NULL,
    ruleset_id       TEXT NOT NULL,
    request_json     TEXT NOT NULL,
    format           TEXT NOT NULL,
    state            TEXT NOT NULL,
    partitions       INTEGER NOT NULL,
    rows             BIGINT NOT NULL,
    created_at       utc_instant NOT NULL,
    finished_at      utc_instant NULL,
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

-- Quartz.NET's ADO job store (4.x, PostgreSQL delegate, clustered): the partitions are Quartz jobs, fired on whichever
-- node acquires them; a node that stops checking in has its running partitions recovered by another (requests_recovery).
-- The tables as Quartz.NET's database/tables/tables_postgres.sql defines them, without its DROP preamble.
CREATE TABLE qrtz_job_details (
    sched_name TEXT NOT NULL, job_name TEXT NOT NULL, job_group TEXT NOT NULL, description TEXT NULL,
    job_class_name TEXT NOT NULL, is_durable BOOL NOT NULL, is_nonconcurrent BOOL NOT NULL, is_update_data BOOL NOT NULL,
    requests_recovery BOOL NOT NULL, job_data BYTEA NULL,
    PRIMARY KEY (sched_name, job_name, job_group)
);
CREATE TABLE qrtz_triggers (
    sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, job_name TEXT NOT NULL, job_group TEXT NOT NULL,
    description TEXT NULL, next_fire_time BIGINT NULL, prev_fire_time BIGINT NULL, priority INTEGER NULL, trigger_state TEXT NOT NULL,
    trigger_type TEXT NOT NULL, start_time BIGINT NOT NULL, end_time BIGINT NULL, calendar_name TEXT NULL, misfire_instr SMALLINT NULL,
    misfire_orig_fire_time BIGINT NULL, execution_group VARCHAR(200) NULL, preferred_node VARCHAR(200) NULL,
    preferred_node_auto BOOL NOT NULL DEFAULT FALSE, job_data BYTEA NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);
CREATE TABLE qrtz_simple_triggers (
    sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
    repeat_count BIGINT NOT NULL, repeat_interval BIGINT NOT NULL, times_triggered BIGINT NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);
CREATE TABLE qrtz_simprop_triggers (
    sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
    str_prop_1 TEXT NULL, str_prop_2 TEXT NULL, str_prop_3 TEXT NULL, int_prop_1 INTEGER NULL, int_prop_2 INTEGER NULL,
    long_prop_1 BIGINT NULL, long_prop_2 BIGINT NULL, dec_prop_1 NUMERIC NULL, dec_prop_2 NUMERIC NULL,
    bool_prop_1 BOOL NULL, bool_prop_2 BOOL NULL, time_zone_id TEXT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);
CREATE TABLE qrtz_cron_triggers (
    sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, cron_expression TEXT NOT NULL, time_zone_id TEXT,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);
CREATE TABLE qrtz_blob_triggers (
    sched_name TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, blob_data BYTEA NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);
CREATE TABLE qrtz_calendars (
    sched_name TEXT NOT NULL, calendar_name TEXT NOT NULL, calendar BYTEA NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);
CREATE TABLE qrtz_paused_trigger_grps (
    sched_name TEXT NOT NULL, trigger_group TEXT NOT NULL,
    PRIMARY KEY (sched_name, trigger_group)
);
CREATE TABLE qrtz_fired_triggers (
    sched_name TEXT NOT NULL, entry_id TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, instance_name TEXT NOT NULL,
    fired_time BIGINT NOT NULL, sched_time BIGINT NOT NULL, priority INTEGER NOT NULL, state TEXT NOT NULL, job_name TEXT NULL,
    job_group TEXT NULL, is_nonconcurrent BOOL NOT NULL, requests_recovery BOOL NULL, execution_group VARCHAR(200) NULL,
    PRIMARY KEY (sched_name, entry_id)
);
CREATE TABLE qrtz_scheduler_state (
    sched_name TEXT NOT NULL, instance_name TEXT NOT NULL, last_checkin_time BIGINT NOT NULL, checkin_interval BIGINT NOT NULL,
    PRIMARY KEY (sched_name, instance_name)
);
CREATE TABLE qrtz_locks (
    sched_name TEXT NOT NULL, lock_name TEXT NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);
CREATE INDEX idx_qrtz_j_req_recovery ON qrtz_job_details (sched_name, requests_recovery);
CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX idx_qrtz_t_next_fire_time ON qrtz_triggers (sched_name, next_fire_time);
CREATE INDEX idx_qrtz_t_state ON qrtz_triggers (sched_name, trigger_state);
CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time);
CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX idx_qrtz_ft_trig_nm_gp ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
CREATE INDEX idx_qrtz_ft_trig_inst_name ON qrtz_fired_triggers (sched_name, instance_name);
CREATE INDEX idx_qrtz_ft_job_req_recovery ON qrtz_fired_triggers (requests_recovery);
