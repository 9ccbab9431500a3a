-- +goose Up
-- Every change to an appointment that can change what is busy counts up its branch's
-- UTC day here, in the same transaction. Availability keeps a branch's busy stretches
-- in memory by day and asks for these versions before each answer: a day whose
-- version moved is read again, whichever instance wrote it.
CREATE TABLE busy_days (
    branch_id UUID NOT NULL,
    day       INTEGER NOT NULL, -- days since 1970-01-01 in UTC of starts_at
    version   BIGINT NOT NULL,
    PRIMARY KEY (branch_id, day)
);

-- +goose StatementBegin
CREATE FUNCTION busy_day_bump(branch UUID, at TIMESTAMPTZ) RETURNS void LANGUAGE sql AS $$
    INSERT INTO busy_days (branch_id, day, version)
    VALUES (branch, (at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', 1)
    ON CONFLICT (branch_id, day) DO UPDATE SET version = busy_days.version + 1;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION appointments_busy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM busy_day_bump(OLD.branch_id, OLD.starts_at);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.branch_id <> OLD.branch_id
        OR (NEW.starts_at AT TIME ZONE 'UTC')::date <> (OLD.starts_at AT TIME ZONE 'UTC')::date)) THEN
        PERFORM busy_day_bump(NEW.branch_id, NEW.starts_at);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- Deferred to the commit: a branch's day row is locked only while the transaction
-- commits, so bookings at one branch do not queue behind each other's statements.
CREATE CONSTRAINT TRIGGER appointments_busy_days
AFTER INSERT OR DELETE OR UPDATE OF status, starts_at, blocked_until, hold_expires_at, doctor_id, chair_id, branch_id
ON appointments DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION appointments_busy_changed();


-- What an availability answer reads before its days (branches, services, doctors and
-- what they perform, who works where, chairs, weekly templates, rules, exceptions,
-- closures and open days) is cached too, under one version that every change to those
-- tables counts up in its own transaction. They change a few times a day; an answer
-- reads the version (one row) and uses what it has while the version stands.
CREATE TABLE schedule_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO schedule_version (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION schedule_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schedule_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER branches_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON branches
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER services_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER doctors_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON doctors
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER doctor_services_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON doctor_services
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER staff_branches_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_branches
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER chairs_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chairs
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER schedule_intervals_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON schedule_intervals
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER booking_rules_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_rules
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER service_booking_rules_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_booking_rules
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER doctor_exceptions_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON doctor_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER branch_closures_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON branch_closures
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER branch_open_days_schedule AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON branch_open_days
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();
CREATE TRIGGER staff_schedule AFTER DELETE OR UPDATE OF active ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION schedule_changed();

-- +goose Down
DROP TRIGGER branches_schedule ON branches;
DROP TRIGGER services_schedule ON services;
DROP TRIGGER doctors_schedule ON doctors;
DROP TRIGGER doctor_services_schedule ON doctor_services;
DROP TRIGGER staff_branches_schedule ON staff_branches;
DROP TRIGGER chairs_schedule ON chairs;
DROP TRIGGER schedule_intervals_schedule ON schedule_intervals;
DROP TRIGGER booking_rules_schedule ON booking_rules;
DROP TRIGGER service_booking_rules_schedule ON service_booking_rules;
DROP TRIGGER doctor_exceptions_schedule ON doctor_exceptions;
DROP TRIGGER branch_closures_schedule ON branch_closures;
DROP TRIGGER branch_open_days_schedule ON branch_open_days;
DROP TRIGGER staff_schedule ON staff;
DROP FUNCTION schedule_changed();
DROP TABLE schedule_version;
DROP TRIGGER appointments_busy_days ON appointments;
DROP FUNCTION appointments_busy_changed();
DROP FUNCTION busy_day_bump(UUID, TIMESTAMPTZ);
DROP TABLE busy_days;
