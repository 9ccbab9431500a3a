-- +goose Up
-- Every change to an appointment that can change what is busy counts up its branch's
-- UTC day here, in the same transaction. Availability keeps a branch's busy stretches
-- in memory by day and asks for these versions before each answer: a day whose
-- version moved is read again, whichever process (or instance) wrote it.
CREATE TABLE busy_days (
    branch_id TEXT NOT NULL,
    day       INTEGER NOT NULL, -- days since 1970-01-01 in UTC of starts_at
    version   INTEGER NOT NULL,
    PRIMARY KEY (branch_id, day)
) WITHOUT ROWID;

-- +goose StatementBegin
CREATE TRIGGER appointments_busy_insert AFTER INSERT ON appointments BEGIN
    INSERT INTO busy_days (branch_id, day, version) VALUES (NEW.branch_id, unixepoch(NEW.starts_at) / 86400, 1)
    ON CONFLICT (branch_id, day) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER appointments_busy_update
AFTER UPDATE OF status, starts_at, blocked_until, hold_expires_at, doctor_id, chair_id, branch_id ON appointments BEGIN
    INSERT INTO busy_days (branch_id, day, version) VALUES (OLD.branch_id, unixepoch(OLD.starts_at) / 86400, 1)
    ON CONFLICT (branch_id, day) DO UPDATE SET version = version + 1;
    INSERT INTO busy_days (branch_id, day, version) SELECT NEW.branch_id, unixepoch(NEW.starts_at) / 86400, 1
    WHERE NEW.branch_id <> OLD.branch_id OR unixepoch(NEW.starts_at) / 86400 <> unixepoch(OLD.starts_at) / 86400
    ON CONFLICT (branch_id, day) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER appointments_busy_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO busy_days (branch_id, day, version) VALUES (OLD.branch_id, unixepoch(OLD.starts_at) / 86400, 1)
    ON CONFLICT (branch_id, day) DO UPDATE SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER appointments_busy_delete;
DROP TRIGGER appointments_busy_update;
DROP TRIGGER appointments_busy_insert;
DROP TABLE busy_days;
