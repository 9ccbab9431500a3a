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
    appointment_id UUID PRIMARY KEY REFERENCES appointments (id),
    number         TEXT NOT NULL UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL
);

-- A signed document stays live until the new version of it is signed; then it is
-- superseded (once, and only a signed one). One unsigned and one current signed
-- document per visit and kind.
ALTER TABLE documents ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE documents ADD COLUMN superseded_by UUID REFERENCES documents (id);
DROP INDEX documents_live;
CREATE UNIQUE INDEX documents_unsigned ON documents (appointment_id, kind) WHERE status IN ('generated', 'printed');
CREATE UNIQUE INDEX documents_current ON documents (appointment_id, kind) WHERE status = 'signed' AND superseded_at IS NULL;

-- The frozen rule of 00007, with one exception: a signed document not yet superseded
-- may be marked superseded (superseded_at and superseded_by, nothing else).
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION documents_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    probe documents;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN ('signed', 'voided') THEN
            RAISE EXCEPTION 'documents: a signed or voided document is never deleted' USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status IN ('signed', 'voided') THEN
        probe := NEW;
        probe.patient_id := OLD.patient_id;
        IF OLD.status = 'signed' AND OLD.superseded_at IS NULL THEN
            probe.superseded_at := OLD.superseded_at;
            probe.superseded_by := OLD.superseded_by;
        END IF;
        IF probe IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'documents: a signed or voided document never changes' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF (NEW.superseded_at IS DISTINCT FROM OLD.superseded_at OR NEW.superseded_by IS DISTINCT FROM OLD.superseded_by)
        AND (OLD.superseded_at IS NOT NULL OR OLD.status <> 'signed') THEN
        RAISE EXCEPTION 'documents: only a signed document is superseded, and only once' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

-- +goose Down
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
