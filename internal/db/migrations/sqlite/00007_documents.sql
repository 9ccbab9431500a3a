-- +goose Up
-- Every document made for a visit is a row: which template (id and content hash) and
-- which data (data_hash over the snapshot the template saw) made it, the PDF itself
-- and its SHA-256, and its life: generated → printed → signed, or voided when the
-- data changed before it was signed. The filled Markdown is kept so a pack prints the
-- very text that was generated, with the document's own id in its QR codes.
CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    kind           TEXT NOT NULL,
    locale         TEXT NOT NULL CHECK (locale IN ('en', 'ru', 'pl', 'sv')),
    title          TEXT NOT NULL,
    markdown       TEXT NOT NULL,
    template_id    TEXT NOT NULL,
    template_hash  TEXT NOT NULL,
    data_hash      TEXT NOT NULL,
    pdf            BLOB NOT NULL,
    pdf_sha256     TEXT NOT NULL,
    pages          INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('generated', 'printed', 'signed', 'voided')),
    generated_at   TIMESTAMP NOT NULL,
    printed_at     TIMESTAMP,
    signed_at      TIMESTAMP,
    signed_by      TEXT CHECK (signed_by IN ('patient', 'guardian')),
    sign_method    TEXT CHECK (sign_method IN ('paper', 'tablet')),
    signed_by_staff TEXT,
    signature_png  BLOB,
    signed_pdf     BLOB,
    signed_sha256  TEXT,
    scan           BLOB,
    scan_type      TEXT,
    voided_at      TIMESTAMP,
    replaced_by    TEXT REFERENCES documents (id) DEFERRABLE INITIALLY DEFERRED,
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
CREATE TRIGGER documents_frozen BEFORE UPDATE ON documents
WHEN OLD.status IN ('signed', 'voided') AND (
    NEW.id IS NOT OLD.id OR NEW.appointment_id IS NOT OLD.appointment_id OR NEW.kind IS NOT OLD.kind
    OR NEW.locale IS NOT OLD.locale OR NEW.title IS NOT OLD.title OR NEW.markdown IS NOT OLD.markdown
    OR NEW.template_id IS NOT OLD.template_id OR NEW.template_hash IS NOT OLD.template_hash
    OR NEW.data_hash IS NOT OLD.data_hash OR NEW.pdf IS NOT OLD.pdf OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256
    OR NEW.pages IS NOT OLD.pages OR NEW.status IS NOT OLD.status OR NEW.generated_at IS NOT OLD.generated_at
    OR NEW.printed_at IS NOT OLD.printed_at OR NEW.signed_at IS NOT OLD.signed_at
    OR NEW.signed_by IS NOT OLD.signed_by OR NEW.sign_method IS NOT OLD.sign_method
    OR NEW.signed_by_staff IS NOT OLD.signed_by_staff OR NEW.signature_png IS NOT OLD.signature_png
    OR NEW.signed_pdf IS NOT OLD.signed_pdf OR NEW.signed_sha256 IS NOT OLD.signed_sha256
    OR NEW.scan IS NOT OLD.scan OR NEW.scan_type IS NOT OLD.scan_type OR NEW.voided_at IS NOT OLD.voided_at
    OR NEW.replaced_by IS NOT OLD.replaced_by)
BEGIN
    SELECT RAISE(ABORT, 'documents: a signed or voided document never changes');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER documents_kept BEFORE DELETE ON documents
WHEN OLD.status IN ('signed', 'voided')
BEGIN
    SELECT RAISE(ABORT, 'documents: a signed or voided document is never deleted');
END;
-- +goose StatementEnd

-- Seating a patient whose documents are unsigned, on an owner's or the visit's doctor's
-- word: who, when and why (the audit log names the row).
CREATE TABLE seating_overrides (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    staff_id       TEXT NOT NULL REFERENCES staff (id),
    reason         TEXT NOT NULL,
    missing        TEXT NOT NULL DEFAULT '[]',
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX seating_overrides_appointment ON seating_overrides (appointment_id);

-- +goose Down
DROP TABLE seating_overrides;
DROP TRIGGER documents_kept;
DROP TRIGGER documents_frozen;
DROP TABLE documents;
