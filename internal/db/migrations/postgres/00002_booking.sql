-- +goose Up
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Booking rules per branch; a service may override any of them (NULL: the branch's).
CREATE TABLE booking_rules (
    branch_id             UUID PRIMARY KEY REFERENCES branches (id),
    slot_step_minutes     INTEGER NOT NULL DEFAULT 15 CHECK (slot_step_minutes BETWEEN 5 AND 240),
    min_notice_minutes    INTEGER NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    horizon_days          INTEGER NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 366),
    buffer_minutes        INTEGER NOT NULL DEFAULT 10 CHECK (buffer_minutes BETWEEN 0 AND 240),
    change_window_minutes INTEGER NOT NULL DEFAULT 1440 CHECK (change_window_minutes BETWEEN 0 AND 43200),
    hold_minutes          INTEGER NOT NULL DEFAULT 10 CHECK (hold_minutes BETWEEN 1 AND 60),
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE service_booking_rules (
    service_id            UUID PRIMARY KEY REFERENCES services (id),
    slot_step_minutes     INTEGER CHECK (slot_step_minutes BETWEEN 5 AND 240),
    min_notice_minutes    INTEGER CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    horizon_days          INTEGER CHECK (horizon_days BETWEEN 1 AND 366),
    buffer_minutes        INTEGER CHECK (buffer_minutes BETWEEN 0 AND 240),
    change_window_minutes INTEGER CHECK (change_window_minutes BETWEEN 0 AND 43200),
    updated_at            TIMESTAMPTZ NOT NULL
);

-- A doctor's weekly template: on ISO weekday (1 = Monday) from start_minute to
-- end_minute of the branch's local day, valid from/to local dates (inclusive).
CREATE TABLE schedule_intervals (
    id           UUID PRIMARY KEY,
    doctor_id    UUID NOT NULL REFERENCES doctors (id),
    branch_id    UUID NOT NULL REFERENCES branches (id),
    chair_id     UUID REFERENCES chairs (id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    valid_from   TEXT NOT NULL,
    valid_to     TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    CHECK (start_minute < end_minute)
);
CREATE INDEX schedule_intervals_doctor ON schedule_intervals (doctor_id);
CREATE INDEX schedule_intervals_branch ON schedule_intervals (branch_id);

-- Time off (the doctor is away) and extra shifts (the doctor works outside the template).
CREATE TABLE doctor_exceptions (
    id         UUID PRIMARY KEY,
    doctor_id  UUID NOT NULL REFERENCES doctors (id),
    kind       TEXT NOT NULL CHECK (kind IN ('time_off', 'extra_shift')),
    branch_id  UUID REFERENCES branches (id),
    chair_id   UUID REFERENCES chairs (id),
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_by TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (kind = 'time_off' OR branch_id IS NOT NULL)
);
CREATE INDEX doctor_exceptions_doctor ON doctor_exceptions (doctor_id, starts_at);

-- Whole local days a branch is closed (holidays).
CREATE TABLE branch_closures (
    id         UUID PRIMARY KEY,
    branch_id  UUID NOT NULL REFERENCES branches (id),
    day        TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (branch_id, day)
);

-- Holds and appointments are one table so that one constraint keeps both apart: a
-- hold is an appointment in status 'held' until it is verified or expires.
-- blocked_until is the end plus the chair-turnover buffer.
CREATE TABLE appointments (
    id                 UUID PRIMARY KEY,
    branch_id          UUID NOT NULL REFERENCES branches (id),
    patient_id         UUID REFERENCES patients (id),
    service_id         UUID NOT NULL REFERENCES services (id),
    doctor_id          UUID NOT NULL REFERENCES doctors (id),
    chair_id           UUID NOT NULL REFERENCES chairs (id),
    starts_at          TIMESTAMPTZ NOT NULL,
    ends_at            TIMESTAMPTZ NOT NULL,
    blocked_until      TIMESTAMPTZ NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('held', 'booked', 'confirmed', 'arrived', 'seated',
                           'completed', 'cancelled', 'no_show', 'released', 'rescheduled')),
    source             TEXT NOT NULL CHECK (source IN ('widget', 'admin', 'phone', 'doctor_app', 'walk_in', 'waitlist')),
    hold_expires_at    TIMESTAMPTZ,
    hold_code_hash     TEXT,
    hold_attempts      INTEGER NOT NULL DEFAULT 0,
    hold_sends         INTEGER NOT NULL DEFAULT 0,
    hold_patient       TEXT,
    complaint          TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    booked_by          UUID REFERENCES staff (id),
    referred_by_doctor UUID REFERENCES doctors (id),
    rescheduled_from   UUID REFERENCES appointments (id),
    rescheduled_to     UUID REFERENCES appointments (id),
    cancel_reason      TEXT NOT NULL DEFAULT '',
    cancelled_by       TEXT NOT NULL DEFAULT '',
    confirmed_at       TIMESTAMPTZ,
    arrived_at         TIMESTAMPTZ,
    arrived_by         TEXT,
    seated_at          TIMESTAMPTZ,
    seated_by          TEXT,
    completed_at       TIMESTAMPTZ,
    completed_by       TEXT,
    cancelled_at       TIMESTAMPTZ,
    sequence           INTEGER NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CHECK (starts_at < ends_at AND ends_at <= blocked_until)
);
-- No two active appointments or unexpired holds overlap for one doctor or one chair.
-- Expired holds are released inside the booking transaction before the insert.
ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist
    (doctor_id WITH =, tstzrange(starts_at, blocked_until) WITH &&)
    WHERE (status IN ('held', 'booked', 'confirmed', 'arrived', 'seated'));
ALTER TABLE appointments ADD CONSTRAINT appointments_chair_no_overlap EXCLUDE USING gist
    (chair_id WITH =, tstzrange(starts_at, blocked_until) WITH &&)
    WHERE (status IN ('held', 'booked', 'confirmed', 'arrived', 'seated'));
CREATE INDEX appointments_doctor_time ON appointments (doctor_id, starts_at);
CREATE INDEX appointments_chair_time ON appointments (chair_id, starts_at);
CREATE INDEX appointments_branch_time ON appointments (branch_id, starts_at);
CREATE INDEX appointments_patient ON appointments (patient_id);

-- Lifecycle events, written in the same transaction as each change; a job delivers
-- each to the subscribers (reviews, inventory), at least once.
CREATE TABLE appointment_events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES appointments (id),
    kind           TEXT NOT NULL,
    from_status    TEXT NOT NULL DEFAULT '',
    to_status      TEXT NOT NULL,
    actor_kind     TEXT NOT NULL,
    staff_id       TEXT,
    reason         TEXT NOT NULL DEFAULT '',
    at             TIMESTAMPTZ NOT NULL,
    delivered_at   TIMESTAMPTZ
);
CREATE INDEX appointment_events_undelivered ON appointment_events (delivered_at, id);
CREATE INDEX appointment_events_appointment ON appointment_events (appointment_id, id);

-- Single-purpose patient links (manage a visit, fill a questionnaire); only hashes.
CREATE TABLE patient_links (
    token_hash     TEXT PRIMARY KEY,
    purpose        TEXT NOT NULL CHECK (purpose IN ('manage_visit', 'questionnaire', 'waitlist_offer')),
    appointment_id UUID REFERENCES appointments (id),
    patient_id     UUID REFERENCES patients (id),
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX patient_links_appointment ON patient_links (appointment_id);

-- Revocable iCal feed tokens of staff: a doctor's, a chair's or a branch's calendar.
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    staff_id   UUID NOT NULL REFERENCES staff (id),
    kind       TEXT NOT NULL CHECK (kind IN ('doctor', 'chair', 'branch')),
    subject_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX calendar_feeds_staff ON calendar_feeds (staff_id);

-- The outbox: every message to a patient is a row first, with a deterministic key so
-- that a retried job or a duplicated request never sends twice.
CREATE TABLE outbox (
    id             UUID PRIMARY KEY,
    dedupe_key     TEXT NOT NULL UNIQUE,
    channel        TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    patient_id     UUID REFERENCES patients (id),
    appointment_id UUID REFERENCES appointments (id),
    locale         TEXT NOT NULL,
    template       TEXT NOT NULL,
    body           TEXT NOT NULL,
    segments       INTEGER NOT NULL DEFAULT 1,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
    not_before     TIMESTAMPTZ NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    provider_id    TEXT NOT NULL DEFAULT '',
    last_error     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    sent_at        TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (status, not_before);
CREATE INDEX outbox_appointment ON outbox (appointment_id);

CREATE TABLE waitlist_entries (
    id          UUID PRIMARY KEY,
    patient_id  UUID NOT NULL REFERENCES patients (id),
    branch_id   UUID NOT NULL REFERENCES branches (id),
    service_id  UUID NOT NULL REFERENCES services (id),
    doctor_id   UUID REFERENCES doctors (id),
    earliest    TEXT NOT NULL,
    latest      TEXT NOT NULL,
    preferences TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL CHECK (status IN ('waiting', 'booked', 'cancelled', 'expired')),
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX waitlist_entries_service ON waitlist_entries (service_id, status);

-- An offer of a freed time to a waiting patient; the first to verify a hold wins.
CREATE TABLE waitlist_offers (
    id         UUID PRIMARY KEY,
    entry_id   UUID NOT NULL REFERENCES waitlist_entries (id),
    doctor_id  UUID NOT NULL REFERENCES doctors (id),
    starts_at  TIMESTAMPTZ NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('offered', 'taken', 'lost', 'expired')),
    created_at TIMESTAMPTZ NOT NULL,
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
