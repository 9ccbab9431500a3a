-- +goose Up
-- Every document made for a visit is a row: which template (id and content hash) and
-- which data (data_hash over the snapshot the template saw) made it, the PDF itself
-- and its SHA-256, and its life: generated → printed → signed, or voided when the
-- data changed before it was signed. The filled Markdown is kept so a pack prints the
-- very text that was generated, with the document's own id in its QR codes.
CREATE TABLE documents (
    id             UUID PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES appointments (id),
    patient_id     UUID NOT NULL REFERENCES patients (id),
    kind           TEXT NOT NULL,
    locale         TEXT NOT NULL CHECK (locale IN ('en', 'ru', 'pl', 'sv')),
    title          TEXT NOT NULL,
    markdown       TEXT NOT NULL,
    template_id    TEXT NOT NULL,
    template_hash  TEXT NOT NULL,
    data_hash      TEXT NOT NULL,
    pdf            BYTEA NOT NULL,
    pdf_sha256     TEXT NOT NULL,
    pages          INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('generated', 'printed', 'signed', 'voided')),
    generated_at   TIMESTAMPTZ NOT NULL,
    printed_at     TIMESTAMPTZ,
    signed_at      TIMESTAMPTZ,
    signed_by      TEXT CHECK (signed_by IN ('patient', 'guardian')),
    sign_method    TEXT CHECK (sign_method IN ('paper', 'tablet')),
    signed_by_staff UUID,
    signature_png  BYTEA,
    signed_pdf     BYTEA,
    signed_sha256  TEXT,
    scan           BYTEA,
    scan_type      TEXT,
    voided_at      TIMESTAMPTZ,
    replaced_by    UUID REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK ((status = 'signed') = (signed_at IS NOT NULL)),
    CHECK ((status = 'voided') = (voided_at IS NOT NULL))
);
CREATE INDEX documents_appointment ON documents (appointment_id, kind);
CREATE INDEX documents_patient ON documents (patient_id);
-- One live document per visit and kind: parallel pack requests cannot make two.
CREATE UNIQUE INDEX documents_live ON documents (appointment_id, kind) WHERE status <> 'voided';

-- A signed or voided document never changes (only a patient merge may repoint it to the
-- surviving card) and is never deleted: it is what the clinic answers for.
-- +goose StatementBegin
CREATE FUNCTION documents_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF probe IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'documents: a signed or voided document never changes' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER documents_frozen BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_frozen();

-- Seating a patient whose documents are unsigned, on an owner's or the visit's doctor's
-- word: who, when and why (the audit log names the row).
CREATE TABLE seating_overrides (
    id             UUID PRIMARY KEY,
    appointment_id UUID NOT NULL REFERENCES appointments (id),
    staff_id       UUID NOT NULL REFERENCES staff (id),
    reason         TEXT NOT NULL,
    missing        TEXT NOT NULL DEFAULT '[]',
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX seating_overrides_appointment ON seating_overrides (appointment_id);

-- +goose Down
DROP TABLE seating_overrides;
DROP TRIGGER documents_frozen ON documents;
DROP FUNCTION documents_frozen();
DROP TABLE documents;
