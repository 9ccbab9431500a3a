-- +goose Up
-- What the questionnaire fills on the card and contracts need.
ALTER TABLE patients ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN id_document TEXT NOT NULL DEFAULT '';

-- A patient's answers to one questionnaire version for one visit. A draft is edited in
-- place (one per visit); submitting turns it into a submitted row that is never
-- edited again, and a later submission is a new row, so what was answered stays.
CREATE TABLE questionnaire_responses (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    appointment_id   TEXT REFERENCES appointments (id),
    questionnaire_id TEXT NOT NULL,
    version          TEXT NOT NULL,
    locale           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    answers          TEXT NOT NULL DEFAULT '{}',
    alerts           TEXT NOT NULL DEFAULT '[]',
    submitted_at     TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX questionnaire_responses_draft ON questionnaire_responses (appointment_id) WHERE status = 'draft';
CREATE INDEX questionnaire_responses_patient ON questionnaire_responses (patient_id, status, submitted_at);
CREATE INDEX questionnaire_responses_appointment ON questionnaire_responses (appointment_id);

-- +goose Down
DROP TABLE questionnaire_responses;
ALTER TABLE patients DROP COLUMN id_document;
ALTER TABLE patients DROP COLUMN address;
