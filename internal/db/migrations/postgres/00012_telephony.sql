-- +goose Up
-- Telephony: the clinic's phone lines (one per PBX account, reached by a secret token in
-- the webhook path, stored hashed), the extensions staff answer on, each provider event
-- as it arrived (call_signals: kept raw, unique per provider call event, so a retried
-- webhook acts once), one row per call built from them, the callback owed for each
-- missed call, and the branch's thresholds. Guardians let a parent's phone find a child.
CREATE TABLE phone_lines (
    id           UUID PRIMARY KEY,
    branch_id    UUID NOT NULL REFERENCES branches (id),
    provider     TEXT NOT NULL CHECK (provider IN ('generic', 'zadarma', 'mango', 'twilio')),
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    api_key      TEXT NOT NULL DEFAULT '',
    secret       TEXT NOT NULL DEFAULT '',
    allowed_ips  TEXT NOT NULL DEFAULT '[]',
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX phone_lines_branch ON phone_lines (branch_id);

CREATE TABLE phone_extensions (
    line_id    UUID NOT NULL REFERENCES phone_lines (id),
    extension  TEXT NOT NULL,
    staff_id   UUID NOT NULL REFERENCES staff (id),
    PRIMARY KEY (line_id, extension)
);

CREATE TABLE calls (
    id               UUID PRIMARY KEY,
    branch_id        UUID NOT NULL REFERENCES branches (id),
    line_id          UUID NOT NULL REFERENCES phone_lines (id),
    provider         TEXT NOT NULL,
    provider_call_id TEXT NOT NULL,
    direction        TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
    from_number      TEXT NOT NULL DEFAULT '',
    to_number        TEXT NOT NULL DEFAULT '',
    extension        TEXT NOT NULL DEFAULT '',
    answered_by      UUID REFERENCES staff (id),
    ring_at          TIMESTAMPTZ NOT NULL,
    answer_at        TIMESTAMPTZ,
    end_at           TIMESTAMPTZ,
    disposition      TEXT CHECK (disposition IN ('answered', 'missed', 'busy', 'failed', 'voicemail', 'short_abandon')),
    recording        TEXT NOT NULL DEFAULT '',
    UNIQUE (provider, provider_call_id)
);
CREATE INDEX calls_branch_ring ON calls (branch_id, ring_at);
CREATE INDEX calls_live ON calls (branch_id, end_at);
CREATE INDEX calls_from ON calls (from_number, ring_at);
CREATE INDEX calls_to ON calls (to_number, ring_at);

CREATE TABLE call_signals (
    id           UUID PRIMARY KEY,
    line_id      UUID NOT NULL REFERENCES phone_lines (id),
    provider     TEXT NOT NULL,
    call_id      TEXT NOT NULL,
    event        TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    signal       TEXT NOT NULL,
    raw          TEXT NOT NULL,
    processed_at TIMESTAMPTZ,
    UNIQUE (provider, call_id, event, seq)
);
CREATE INDEX call_signals_pending ON call_signals (received_at) WHERE processed_at IS NULL;

CREATE TABLE call_callbacks (
    call_id         UUID PRIMARY KEY REFERENCES calls (id),
    branch_id       UUID NOT NULL REFERENCES branches (id),
    number          TEXT NOT NULL,
    task_id         UUID NOT NULL REFERENCES inbox_tasks (id),
    missed_at       TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ,
    resolution      TEXT CHECK (resolution IN ('self_recovered', 'recovered', 'answered')),
    closing_call_id UUID REFERENCES calls (id)
);
CREATE INDEX call_callbacks_open ON call_callbacks (number, closed_at);
CREATE INDEX call_callbacks_branch ON call_callbacks (branch_id, missed_at);

CREATE TABLE branch_telephony (
    branch_id             UUID PRIMARY KEY REFERENCES branches (id),
    short_abandon_seconds INTEGER NOT NULL CHECK (short_abandon_seconds BETWEEN 0 AND 120),
    callback_minutes      INTEGER NOT NULL CHECK (callback_minutes BETWEEN 1 AND 1440),
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE patient_guardians (
    patient_id  UUID NOT NULL REFERENCES patients (id),
    guardian_id UUID NOT NULL REFERENCES patients (id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (patient_id, guardian_id),
    CHECK (patient_id <> guardian_id)
);
CREATE INDEX patient_guardians_guardian ON patient_guardians (guardian_id);

-- The caller's card counts a patient's open tasks.
CREATE INDEX inbox_tasks_patient ON inbox_tasks (patient_id, status);

-- +goose Down
DROP INDEX inbox_tasks_patient;
DROP TABLE patient_guardians;
DROP TABLE branch_telephony;
DROP TABLE call_callbacks;
DROP TABLE call_signals;
DROP TABLE calls;
DROP TABLE phone_extensions;
DROP TABLE phone_lines;
