-- +goose Up
-- Real legal papers. A branch names the legal person behind it as its country knows it
-- (tax, company and medical-register numbers, the licence, an e-mail), the prefix of its
-- contract numbers and the age of medical consent (0: the country's default). A guardian
-- is recorded with their relation to the child. Contracts get human numbers
-- (MOK/2026/000123) from a counter per prefix and year, one number per visit. A signed
-- document whose data changed is superseded once its new version is signed.
ALTER TABLE branches ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN tax_number TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN company_number TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN medical_register_number TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN licence TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN contract_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE branches ADD COLUMN consent_age INTEGER NOT NULL DEFAULT 0;

ALTER TABLE patient_guardians ADD COLUMN relation TEXT NOT NULL DEFAULT '';

CREATE TABLE contract_number_counters (
    prefix      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_number BIGINT NOT NULL CHECK (last_number > 0),
    PRIMARY KEY (prefix, year)
);

CREATE TABLE contract_numbers (
    appointment_id TEXT PRIMARY KEY REFERENCES appointments (id),
    number         TEXT NOT NULL UNIQUE,
    created_at     TIMESTAMP NOT NULL
);

-- A signed document stays live until the new version of it is signed; then it is
-- superseded (once, and only a signed one). One unsigned and one current signed
-- document per visit and kind.
ALTER TABLE documents ADD COLUMN superseded_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN superseded_by TEXT;
DROP INDEX documents_live;
CREATE UNIQUE INDEX documents_unsigned ON documents (appointment_id, kind) WHERE status IN ('generated', 'printed');
CREATE UNIQUE INDEX documents_current ON documents (appointment_id, kind) WHERE status = 'signed' AND superseded_at IS NULL;
-- +goose StatementBegin
CREATE TRIGGER documents_superseded_once BEFORE UPDATE ON documents
WHEN (NEW.superseded_at IS NOT OLD.superseded_at OR NEW.superseded_by IS NOT OLD.superseded_by)
    AND (OLD.superseded_at IS NOT NULL OR OLD.status <> 'signed' OR NEW.status <> 'signed')
BEGIN
    SELECT RAISE(ABORT, 'documents: only a signed document is superseded, and only once');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER documents_superseded_once;
DROP INDEX documents_current;
DROP INDEX documents_unsigned;
CREATE UNIQUE INDEX documents_live ON documents (appointment_id, kind) WHERE status <> 'voided';
ALTER TABLE documents DROP COLUMN superseded_by;
ALTER TABLE documents DROP COLUMN superseded_at;
DROP TABLE contract_numbers;
DROP TABLE contract_number_counters;
ALTER TABLE patient_guardians DROP COLUMN relation;
ALTER TABLE branches DROP COLUMN consent_age;
ALTER TABLE branches DROP COLUMN contract_prefix;
ALTER TABLE branches DROP COLUMN email;
ALTER TABLE branches DROP COLUMN licence;
ALTER TABLE branches DROP COLUMN medical_register_number;
ALTER TABLE branches DROP COLUMN company_number;
ALTER TABLE branches DROP COLUMN tax_number;
ALTER TABLE branches DROP COLUMN legal_name;
