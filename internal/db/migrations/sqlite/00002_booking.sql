-- +goose Up
-- Booking rules per branch; a service may override any of them (NULL: the branch's).
CREATE TABLE booking_rules (
    branch_id             TEXT PRIMARY KEY REFERENCES branches (id),
    slot_step_minutes     INTEGER NOT NULL DEFAULT 15 CHECK (slot_step_minutes BETWEEN 5 AND 240),
    min_notice_minutes    INTEGER NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    horizon_days          INTEGER NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 366),
    buffer_minutes        INTEGER NOT NULL DEFAULT 10 CHECK (buffer_minutes BETWEEN 0 AND 240),
    change_window_minutes INTEGER NOT NULL DEFAULT 1440 CHECK (change_window_minutes BETWEEN 0 AND 43200),
    hold_minutes          INTEGER NOT NULL DEFAULT 10 CHECK (hold_minutes BETWEEN 1 AND 60),
    updated_at            TIMESTAMP NOT NULL
);

CREATE TABLE service_booking_rules (
    service_id            TEXT PRIMARY KEY REFERENCES services (id),
    slot_step_minutes     INTEGER CHECK (slot_step_minutes BETWEEN 5 AND 240),
    min_notice_minutes    INTEGER CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    horizon_days          INTEGER CHECK (horizon_days BETWEEN 1 AND 366),
    buffer_minutes        INTEGER CHECK (buffer_minutes BETWEEN 0 AND 240),
    change_window_minutes INTEGER CHECK (change_window_minutes BETWEEN 0 AND 43200),
    updated_at            TIMESTAMP NOT NULL
);

-- A doctor's weekly template: on ISO weekday (1 = Monday) from start_minute to
-- end_minute of the branch's local day, valid from/to local dates (inclusive).
CREATE TABLE schedule_intervals (
    id           TEXT PRIMARY KEY,
    doctor_id    TEXT NOT NULL REFERENCES doctors (id),
    branch_id    TEXT NOT NULL REFERENCES branches (id),
    chair_id     TEXT REFERENCES chairs (id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    valid_from   TEXT NOT NULL,
    valid_to     TEXT,
    created_at   TIMESTAMP NOT NULL,
    CHECK (start_minute < end_minute)
);
CREATE INDEX schedule_intervals_doctor ON schedule_intervals (doctor_id);
CREATE INDEX schedule_intervals_branch ON schedule_intervals (branch_id);

-- Time off (the doctor is away) and extra shifts (the doctor works outside the template).
CREATE TABLE doctor_exceptions (
    id         TEXT PRIMARY KEY,
    doctor_id  TEXT NOT NULL REFERENCES doctors (id),
    kind       TEXT NOT NULL CHECK (kind IN ('time_off', 'extra_shift')),
    branch_id  TEXT REFERENCES branches (id),
    chair_id   TEXT REFERENCES chairs (id),
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_by TEXT,
    created_at TIMESTAMP NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (kind = 'time_off' OR branch_id IS NOT NULL)
);
CREATE INDEX doctor_exceptions_doctor ON doctor_exceptions (doctor_id, starts_at);

-- Whole local days a branch is closed (holidays).
CREATE TABLE branch_closures (
    id         TEXT PRIMARY KEY,
    branch_id  TEXT NOT NULL REFERENCES branches (id),
    day        TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (branch_id, day)
);

-- Holds and appointments are one table so that one constraint keeps both apart: a
-- hold is an appointment in status 'held' until it is verified or expires.
-- blocked_until is the end plus the chair-turnover buffer.
CREATE TABLE appointments (
    id                 TEXT PRIMARY KEY,
    branch_id          TEXT NOT NULL REFERENCES branches (id),
    patient_id         TEXT REFERENCES patients (id),
    service_id         TEXT NOT NULL REFERENCES services (id),
    doctor_id          TEXT NOT NULL REFERENCES doctors (id),
    chair_id           TEXT NOT NULL REFERENCES chairs (id),
    starts_at          TIMESTAMP NOT NULL,
    ends_at            TIMESTAMP NOT NULL,
    blocked_until      TIMESTAMP NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('held', 'booked', 'confirmed', 'arrived', 'seated',
                           'completed', 'cancelled', 'no_show', 'released', 'rescheduled')),
    source             TEXT NOT NULL CHECK (source IN ('widget', 'admin', 'phone', 'doctor_app', 'walk_in', 'waitlist')),
    hold_expires_at    TIMESTAMP,
    hold_code_hash     TEXT,
    hold_attempts      INTEGER NOT NULL DEFAULT 0,
    hold_sends         INTEGER NOT NULL DEFAULT 0,
    hold_patient       TEXT,
    complaint          TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    booked_by          TEXT REFERENCES staff (id),
    referred_by_doctor TEXT REFERENCES doctors (id),
    rescheduled_from   TEXT REFERENCES appointments (id),
    rescheduled_to     TEXT REFERENCES appointments (id),
    cancel_reason      TEXT NOT NULL DEFAULT '',
    cancelled_by       TEXT NOT NULL DEFAULT '',
    confirmed_at       TIMESTAMP,
    arrived_at         TIMESTAMP,
    arrived_by         TEXT,
    seated_at          TIMESTAMP,
    seated_by          TEXT,
    completed_at       TIMESTAMP,
    completed_by       TEXT,
    cancelled_at       TIMESTAMP,
    sequence           INTEGER NOT NULL DEFAULT 0,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CHECK (starts_at < ends_at AND ends_at <= blocked_until)
);
CREATE INDEX appointments_doctor_time ON appointments (doctor_id, starts_at);
CREATE INDEX appointments_chair_time ON appointments (chair_id, starts_at);
CREATE INDEX appointments_branch_time ON appointments (branch_id, starts_at);
CREATE INDEX appointments_patient ON appointments (patient_id);

-- Lifecycle events, written in the same transaction as each change; a job delivers
-- each to the subscribers (reviews, inventory), at least once.
CREATE TABLE appointment_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    kind           TEXT NOT NULL,
    from_status    TEXT NOT NULL DEFAULT '',
    to_status      TEXT NOT NULL,
    actor_kind     TEXT NOT NULL,
    staff_id       TEXT,
    reason         TEXT NOT NULL DEFAULT '',
    at             TIMESTAMP NOT NULL,
    delivered_at   TIMESTAMP
);
CREATE INDEX appointment_events_undelivered ON appointment_events (delivered_at, id);
CREATE INDEX appointment_events_appointment ON appointment_events (appointment_id, id);

-- Single-purpose patient links (manage a visit, fill a questionnaire); only hashes.
CREATE TABLE patient_links (
    token_hash     TEXT PRIMARY KEY,
    purpose        TEXT NOT NULL CHECK (purpose IN ('manage_visit', 'questionnaire', 'waitlist_offer')),
    appointment_id TEXT REFERENCES appointments (id),
    patient_id     TEXT REFERENCES patients (id),
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX patient_links_appointment ON patient_links (appointment_id);

-- Revocable iCal feed tokens of staff: a doctor's, a chair's or a branch's calendar.
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    kind       TEXT NOT NULL CHECK (kind IN ('doctor', 'chair', 'branch')),
    subject_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_staff ON calendar_feeds (staff_id);

-- The outbox: every message to a patient is a row first, with a deterministic key so
-- that a retried job or a duplicated request never sends twice.
CREATE TABLE outbox (
    id             TEXT PRIMARY KEY,
    dedupe_key     TEXT NOT NULL UNIQUE,
    channel        TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    patient_id     TEXT REFERENCES patients (id),
    appointment_id TEXT REFERENCES appointments (id),
    locale         TEXT NOT NULL,
    template       TEXT NOT NULL,
    body           TEXT NOT NULL,
    segments       INTEGER NOT NULL DEFAULT 1,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
    not_before     TIMESTAMP NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    provider_id    TEXT NOT NULL DEFAULT '',
    last_error     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    sent_at        TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, not_before);
CREATE INDEX outbox_appointment ON outbox (appointment_id);

CREATE TABLE waitlist_entries (
    id          TEXT PRIMARY KEY,
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    branch_id   TEXT NOT NULL REFERENCES branches (id),
    service_id  TEXT NOT NULL REFERENCES services (id),
    doctor_id   TEXT REFERENCES doctors (id),
    earliest    TEXT NOT NULL,
    latest      TEXT NOT NULL,
    preferences TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL CHECK (status IN ('waiting', 'booked', 'cancelled', 'expired')),
    created_by  TEXT,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX waitlist_entries_service ON waitlist_entries (service_id, status);

-- An offer of a freed time to a waiting patient; the first to verify a hold wins.
CREATE TABLE waitlist_offers (
    id         TEXT PRIMARY KEY,
    entry_id   TEXT NOT NULL REFERENCES waitlist_entries (id),
    doctor_id  TEXT NOT NULL REFERENCES doctors (id),
    starts_at  TIMESTAMP NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('offered', 'taken', 'lost', 'expired')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, doctor_id, starts_at)
);

-- +goose Down
DROP TABLE waitlist_offers;
DROP TABLE waitlist_entries;
DROP TABLE outbox;
DROP TABLE calendar_feeds;
DROP TABLE patient_links;
DROP TABLE appointment_events;
DROP TABLE appointments;
DROP TABLE branch_closures;
DROP TABLE doctor_exceptions;
DROP TABLE schedule_intervals;
DROP TABLE service_booking_rules;
DROP TABLE booking_rules;
