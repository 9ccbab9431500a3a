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


-- What an availability answer reads before its days (branches, services, doctors and
-- what they perform, who works where, chairs, weekly templates, rules, exceptions,
-- closures and open days) is cached too, under one version that every change to those
-- tables counts up in its own transaction. They change a few times a day; an answer
-- reads the version (one row) and uses what it has while the version stands.
CREATE TABLE schedule_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO schedule_version (id, version) VALUES (1, 1);


-- +goose StatementBegin
CREATE TRIGGER branches_schedule_insert AFTER INSERT ON branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branches_schedule_update AFTER UPDATE ON branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branches_schedule_delete AFTER DELETE ON branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER services_schedule_insert AFTER INSERT ON services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER services_schedule_update AFTER UPDATE ON services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER services_schedule_delete AFTER DELETE ON services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctors_schedule_insert AFTER INSERT ON doctors BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctors_schedule_update AFTER UPDATE ON doctors BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctors_schedule_delete AFTER DELETE ON doctors BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_services_schedule_insert AFTER INSERT ON doctor_services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_services_schedule_update AFTER UPDATE ON doctor_services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_services_schedule_delete AFTER DELETE ON doctor_services BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_schedule_insert AFTER INSERT ON staff_branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_schedule_update AFTER UPDATE ON staff_branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_schedule_delete AFTER DELETE ON staff_branches BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chairs_schedule_insert AFTER INSERT ON chairs BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chairs_schedule_update AFTER UPDATE ON chairs BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER chairs_schedule_delete AFTER DELETE ON chairs BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER schedule_intervals_schedule_insert AFTER INSERT ON schedule_intervals BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER schedule_intervals_schedule_update AFTER UPDATE ON schedule_intervals BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER schedule_intervals_schedule_delete AFTER DELETE ON schedule_intervals BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER booking_rules_schedule_insert AFTER INSERT ON booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER booking_rules_schedule_update AFTER UPDATE ON booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER booking_rules_schedule_delete AFTER DELETE ON booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_booking_rules_schedule_insert AFTER INSERT ON service_booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_booking_rules_schedule_update AFTER UPDATE ON service_booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER service_booking_rules_schedule_delete AFTER DELETE ON service_booking_rules BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_exceptions_schedule_insert AFTER INSERT ON doctor_exceptions BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_exceptions_schedule_update AFTER UPDATE ON doctor_exceptions BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER doctor_exceptions_schedule_delete AFTER DELETE ON doctor_exceptions BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_closures_schedule_insert AFTER INSERT ON branch_closures BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_closures_schedule_update AFTER UPDATE ON branch_closures BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_closures_schedule_delete AFTER DELETE ON branch_closures BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_open_days_schedule_insert AFTER INSERT ON branch_open_days BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_open_days_schedule_update AFTER UPDATE ON branch_open_days BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER branch_open_days_schedule_delete AFTER DELETE ON branch_open_days BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_schedule_update AFTER UPDATE OF active ON staff BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_schedule_delete AFTER DELETE ON staff BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER branches_schedule_insert;
DROP TRIGGER branches_schedule_update;
DROP TRIGGER branches_schedule_delete;
DROP TRIGGER services_schedule_insert;
DROP TRIGGER services_schedule_update;
DROP TRIGGER services_schedule_delete;
DROP TRIGGER doctors_schedule_insert;
DROP TRIGGER doctors_schedule_update;
DROP TRIGGER doctors_schedule_delete;
DROP TRIGGER doctor_services_schedule_insert;
DROP TRIGGER doctor_services_schedule_update;
DROP TRIGGER doctor_services_schedule_delete;
DROP TRIGGER staff_branches_schedule_insert;
DROP TRIGGER staff_branches_schedule_update;
DROP TRIGGER staff_branches_schedule_delete;
DROP TRIGGER chairs_schedule_insert;
DROP TRIGGER chairs_schedule_update;
DROP TRIGGER chairs_schedule_delete;
DROP TRIGGER schedule_intervals_schedule_insert;
DROP TRIGGER schedule_intervals_schedule_update;
DROP TRIGGER schedule_intervals_schedule_delete;
DROP TRIGGER booking_rules_schedule_insert;
DROP TRIGGER booking_rules_schedule_update;
DROP TRIGGER booking_rules_schedule_delete;
DROP TRIGGER service_booking_rules_schedule_insert;
DROP TRIGGER service_booking_rules_schedule_update;
DROP TRIGGER service_booking_rules_schedule_delete;
DROP TRIGGER doctor_exceptions_schedule_insert;
DROP TRIGGER doctor_exceptions_schedule_update;
DROP TRIGGER doctor_exceptions_schedule_delete;
DROP TRIGGER branch_closures_schedule_insert;
DROP TRIGGER branch_closures_schedule_update;
DROP TRIGGER branch_closures_schedule_delete;
DROP TRIGGER branch_open_days_schedule_insert;
DROP TRIGGER branch_open_days_schedule_update;
DROP TRIGGER branch_open_days_schedule_delete;
DROP TRIGGER staff_schedule_update;
DROP TRIGGER staff_schedule_delete;
DROP TABLE schedule_version;
DROP TRIGGER appointments_busy_delete;
DROP TRIGGER appointments_busy_update;
DROP TRIGGER appointments_busy_insert;
DROP TABLE busy_days;
