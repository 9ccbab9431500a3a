-- +goose Up
CREATE TABLE branches (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    locale        TEXT NOT NULL CHECK (locale IN ('en', 'ru', 'pl', 'sv')),
    currency      TEXT NOT NULL,
    opening_hours TEXT NOT NULL DEFAULT '{}',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE chairs (
    id           TEXT PRIMARY KEY,
    branch_id    TEXT NOT NULL REFERENCES branches (id),
    name         TEXT NOT NULL,
    capabilities TEXT NOT NULL DEFAULT '[]',
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX chairs_branch ON chairs (branch_id);

CREATE TABLE services (
    id                 TEXT PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    names              TEXT NOT NULL DEFAULT '{}',
    duration_minutes   INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480 AND duration_minutes % 5 = 0),
    price_minor        INTEGER NOT NULL CHECK (price_minor >= 0),
    currency           TEXT NOT NULL,
    chair_capability   TEXT NOT NULL DEFAULT '',
    required_documents TEXT NOT NULL DEFAULT '[]',
    active             BOOLEAN NOT NULL DEFAULT TRUE,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE TABLE staff (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'doctor', 'nurse')),
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE staff_branches (
    staff_id  TEXT NOT NULL REFERENCES staff (id),
    branch_id TEXT NOT NULL REFERENCES branches (id),
    PRIMARY KEY (staff_id, branch_id)
);

CREATE TABLE staff_tokens (
    token_hash TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    ip         TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX staff_tokens_staff ON staff_tokens (staff_id);

CREATE TABLE login_failures (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    email  TEXT NOT NULL,
    ip     TEXT NOT NULL,
    at     TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
CREATE INDEX login_failures_email ON login_failures (email, at);

CREATE TABLE doctors (
    id           TEXT PRIMARY KEY,
    staff_id     TEXT NOT NULL UNIQUE REFERENCES staff (id),
    specialty    TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL,
    photo_url    TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE doctor_services (
    doctor_id  TEXT NOT NULL REFERENCES doctors (id),
    service_id TEXT NOT NULL REFERENCES services (id),
    PRIMARY KEY (doctor_id, service_id)
);

CREATE TABLE patients (
    id                TEXT PRIMARY KEY,
    first_name        TEXT NOT NULL,
    last_name         TEXT NOT NULL,
    middle_name       TEXT NOT NULL DEFAULT '',
    birth_date        TEXT,
    sex               TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    phone_reversed    TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    locale            TEXT NOT NULL,
    preferred_channel TEXT NOT NULL DEFAULT 'sms',
    consents          TEXT NOT NULL DEFAULT '{}',
    notes             TEXT NOT NULL DEFAULT '',
    medical_alerts    TEXT NOT NULL DEFAULT '[]',
    search_name       TEXT NOT NULL DEFAULT '',
    dedupe_key        TEXT,
    home_branch_id    TEXT REFERENCES branches (id),
    merged_into       TEXT REFERENCES patients (id),
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX patients_phone ON patients (phone);
-- Search walks these in key order and stops at the page size: (key, id) lets the index
-- give both the order and the keyset cursor's tie-break.
CREATE INDEX patients_phone_reversed ON patients (phone_reversed, id);
CREATE INDEX patients_search_name ON patients (search_name, id);
CREATE INDEX patients_created ON patients (created_at, id);
-- One live card per person: the phone with the birth date (or, without one, the name).
-- Merged cards leave the index, so merging never collides with the survivor.
CREATE UNIQUE INDEX patients_dedupe ON patients (dedupe_key) WHERE merged_into IS NULL;

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TIMESTAMP NOT NULL,
    actor_kind   TEXT NOT NULL,
    staff_id     TEXT,
    patient_link TEXT,
    action       TEXT NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'print', 'export', 'login', 'login_failed')),
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL DEFAULT '',
    patient_id   TEXT,
    request_id   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, id);

-- The audit log is append-only: the database itself refuses edits.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

CREATE TABLE idempotency_keys (
    key          TEXT NOT NULL,
    scope        TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE audit_log;
DROP TABLE patients;
DROP TABLE doctor_services;
DROP TABLE doctors;
DROP TABLE login_failures;
DROP TABLE staff_tokens;
DROP TABLE staff_branches;
DROP TABLE staff;
DROP TABLE services;
DROP TABLE chairs;
DROP TABLE branches;
