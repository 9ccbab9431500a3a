-- +goose Up
-- Days an owner opens a branch although the country's public holiday would close it
-- (holidays come from the branch's country; closures stay in branch_closures).
CREATE TABLE branch_open_days (
    id         TEXT PRIMARY KEY,
    branch_id  TEXT NOT NULL REFERENCES branches (id),
    day        TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (branch_id, day)
);

-- Whether a booking from a source sends the patient its confirmation; a missing row
-- means it does.
CREATE TABLE booking_confirmations (
    branch_id  TEXT NOT NULL REFERENCES branches (id),
    source     TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (branch_id, source)
);

-- +goose Down
DROP TABLE booking_confirmations;
DROP TABLE branch_open_days;
