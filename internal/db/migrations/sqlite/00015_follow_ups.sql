-- +goose Up
-- Follow-up calls: how many days after a completed visit each service is called about
-- (no row: the default by the service's kind), each branch's calling policy (hours,
-- attempts, retry gap, whose queue), outbound campaigns over any list of patients, one
-- follow-up per visit or per campaign patient (its task is the desk's claimable item),
-- and every attempt at it (with the time it was due), numbered so two loggers cannot both write attempt 2.
CREATE TABLE follow_up_rules (
    service_id  TEXT PRIMARY KEY REFERENCES services (id),
    days        INTEGER CHECK (days IS NULL OR (days >= 0 AND days <= 60)),
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE follow_up_settings (
    branch_id      TEXT PRIMARY KEY REFERENCES branches (id),
    calls_open     TEXT NOT NULL,
    calls_close    TEXT NOT NULL,
    max_attempts   INTEGER NOT NULL CHECK (max_attempts >= 1 AND max_attempts <= 10),
    retry_minutes  INTEGER NOT NULL CHECK (retry_minutes >= 5 AND retry_minutes <= 1440),
    queue          TEXT NOT NULL,
    assignee_id    TEXT REFERENCES staff (id),
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE campaigns (
    id              TEXT PRIMARY KEY,
    branch_id       TEXT NOT NULL REFERENCES branches (id),
    name            TEXT NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('service', 'marketing')),
    consent_channel TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL CHECK (source IN ('ids', 'filter', 'recall', 'no_shows')),
    script          TEXT NOT NULL DEFAULT '',
    created_by      TEXT REFERENCES staff (id),
    created_at      TIMESTAMP NOT NULL,
    patients        INTEGER NOT NULL DEFAULT 0,
    skipped         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX campaigns_branch ON campaigns (branch_id, created_at);

CREATE TABLE follow_ups (
    id             TEXT PRIMARY KEY,
    branch_id      TEXT NOT NULL REFERENCES branches (id),
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    appointment_id TEXT REFERENCES appointments (id),
    campaign_id    TEXT REFERENCES campaigns (id),
    doctor_id      TEXT REFERENCES doctors (id),
    service_id     TEXT REFERENCES services (id),
    visit_start    TIMESTAMP,
    task_id        TEXT NOT NULL REFERENCES inbox_tasks (id),
    locale         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'reached', 'declined', 'wrong_number', 'link_sent', 'unreached', 'cancelled')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    first_due_at   TIMESTAMP NOT NULL,
    due_at         TIMESTAMP NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    closed_at      TIMESTAMP,
    CHECK ((appointment_id IS NULL) <> (campaign_id IS NULL))
);
CREATE UNIQUE INDEX follow_ups_visit ON follow_ups (appointment_id) WHERE appointment_id IS NOT NULL;
CREATE UNIQUE INDEX follow_ups_campaign ON follow_ups (campaign_id, patient_id) WHERE campaign_id IS NOT NULL;
CREATE UNIQUE INDEX follow_ups_task ON follow_ups (task_id);
CREATE INDEX follow_ups_branch ON follow_ups (branch_id, created_at);
-- The call list walks a branch's open follow-ups oldest due first; due_at follows the
-- task's (moved together in one transaction) so the walk needs no join to sort.
CREATE INDEX follow_ups_open ON follow_ups (branch_id, status, due_at, id);

CREATE TABLE follow_up_attempts (
    follow_up_id TEXT NOT NULL REFERENCES follow_ups (id),
    number       INTEGER NOT NULL CHECK (number >= 1),
    staff_id     TEXT NOT NULL REFERENCES staff (id),
    due_at       TIMESTAMP NOT NULL,
    at           TIMESTAMP NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'declined')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (follow_up_id, number)
);
CREATE INDEX follow_up_attempts_staff ON follow_up_attempts (staff_id, at);

-- +goose Down
DROP TABLE follow_up_attempts;
DROP TABLE follow_ups;
DROP TABLE campaigns;
DROP TABLE follow_up_settings;
DROP TABLE follow_up_rules;
