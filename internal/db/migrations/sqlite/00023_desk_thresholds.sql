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

-- The desks' change cursor: a poll first asks for the newest change anywhere (each an
-- index's last entry), and reads the day's own rows only when one moved.
CREATE INDEX documents_signed_at ON documents (signed_at);
CREATE INDEX documents_generated_at ON documents (generated_at);
CREATE INDEX outbox_sent_at ON outbox (sent_at);
CREATE INDEX patients_updated_at ON patients (updated_at);
CREATE INDEX questionnaire_responses_submitted_at ON questionnaire_responses (submitted_at);

-- +goose Down
DROP INDEX questionnaire_responses_submitted_at;
DROP INDEX patients_updated_at;
DROP INDEX outbox_sent_at;
DROP INDEX documents_generated_at;
DROP INDEX documents_signed_at;
DROP TABLE desk_thresholds;
