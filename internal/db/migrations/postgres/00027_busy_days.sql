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

-- +goose Down
DROP TRIGGER appointments_busy_days ON appointments;
DROP FUNCTION appointments_busy_changed();
DROP FUNCTION busy_day_bump(UUID, TIMESTAMPTZ);
DROP TABLE busy_days;
