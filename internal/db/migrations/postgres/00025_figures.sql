-- +goose Up
-- Figures store what is counted, never ratios: each row behind a figure (a visit, a call,
-- a task, an item) as counted on one branch-local day, and the day's sums per branch,
-- doctor and person, so any range adds up. Frozen facts (the morning's baseline, the
-- day's stock levels) are kept when the day is rebuilt.
CREATE TABLE figure_facts (
    branch_id  UUID NOT NULL REFERENCES branches (id),
    day        TEXT NOT NULL,
    figure     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    doctor_id  TEXT NOT NULL DEFAULT '',
    staff_id   TEXT NOT NULL DEFAULT '',
    num        BIGINT NOT NULL,
    den        BIGINT NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    at         TIMESTAMPTZ,
    frozen     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (branch_id, figure, day, subject_id, staff_id)
);

-- A day's sums: doctor_id and staff_id '' is the branch's whole; a row with one of them
-- set is that doctor's or that person's part.
CREATE TABLE figure_days (
    branch_id UUID NOT NULL REFERENCES branches (id),
    doctor_id TEXT NOT NULL DEFAULT '',
    staff_id  TEXT NOT NULL DEFAULT '',
    day       TEXT NOT NULL,
    figure    TEXT NOT NULL,
    num       BIGINT NOT NULL,
    den       BIGINT NOT NULL,
    PRIMARY KEY (branch_id, doctor_id, staff_id, day, figure)
);

-- Each branch day's runs: when it was last rebuilt, since when a visit event has made it
-- stale (the refresh job rebuilds it), when its baseline was frozen, and when the
-- nightly pass settled the week before it.
CREATE TABLE figure_runs (
    branch_id   UUID NOT NULL REFERENCES branches (id),
    day         TEXT NOT NULL,
    rebuilt_at  TIMESTAMPTZ,
    dirty_since TIMESTAMPTZ,
    frozen_at   TIMESTAMPTZ,
    settled_at  TIMESTAMPTZ,
    PRIMARY KEY (branch_id, day)
);
CREATE INDEX figure_runs_dirty ON figure_runs (dirty_since);

-- The owner's colours per branch and figure: a value past warn_at is amber, past
-- bad_at red (past means below for figures where higher is better).
CREATE TABLE figure_thresholds (
    branch_id  UUID NOT NULL REFERENCES branches (id),
    figure     TEXT NOT NULL,
    warn_at    DOUBLE PRECISION NOT NULL,
    bad_at     DOUBLE PRECISION NOT NULL,
    updated_by UUID REFERENCES staff (id),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (branch_id, figure)
);

-- +goose Down
DROP TABLE figure_thresholds;
DROP TABLE figure_runs;
DROP TABLE figure_days;
DROP TABLE figure_facts;
