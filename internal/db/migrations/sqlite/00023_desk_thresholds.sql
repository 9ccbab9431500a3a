-- +goose Up
-- A branch's limits for the front desk's day: minutes after the start a visit shows
-- as late, and minutes of waiting after arrival that flag it. No row: the defaults.
CREATE TABLE desk_thresholds (
    branch_id            TEXT PRIMARY KEY REFERENCES branches (id),
    late_after_minutes   INTEGER NOT NULL CHECK (late_after_minutes BETWEEN 0 AND 240),
    waiting_warn_minutes INTEGER NOT NULL CHECK (waiting_warn_minutes BETWEEN 1 AND 240),
    updated_by           TEXT REFERENCES staff (id),
    updated_at           TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE desk_thresholds;
