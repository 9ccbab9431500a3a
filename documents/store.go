package documents

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// docRow is a stored document; list queries leave the byte columns they do not need empty.
type docRow struct {
	ID            string     `db:"id"`
	AppointmentID string     `db:"appointment_id"`
	PatientID     string     `db:"patient_id"`
	Kind          string     `db:"kind"`
	Locale        string     `db:"locale"`
	Title         string     `db:"title"`
	Markdown      string     `db:"markdown"`
	TemplateID    string     `db:"template_id"`
	TemplateHash  string     `db:"template_hash"`
	DataHash      string     `db:"data_hash"`
	PDF           []byte     `db:"pdf"`
	PDFSHA256     string     `db:"pdf_sha256"`
	Pages         int        `db:"pages"`
	Status        Status     `db:"status"`
	GeneratedAt   time.Time  `db:"generated_at"`
	PrintedAt     *time.Time `db:"printed_at"`
	SignedAt      *time.Time `db:"signed_at"`
	SignedBy      *string    `db:"signed_by"`
	SignMethod    *string    `db:"sign_method"`
	SignedByStaff *string    `db:"signed_by_staff"`
	SignaturePNG  []byte     `db:"signature_png"`
	SignedPDF     []byte     `db:"signed_pdf"`
	SignedSHA256  *string    `db:"signed_sha256"`
	Scan          []byte     `db:"scan"`
	ScanType      *string    `db:"scan_type"`
	VoidedAt      *time.Time `db:"voided_at"`
	ReplacedBy    *string    `db:"replaced_by"`
	SupersededAt  *time.Time `db:"superseded_at"`
	SupersededBy  *string    `db:"superseded_by"`
}

// document is the row as the service shows it.
func (r docRow) document() Document {
	d := Document{ID: r.ID, AppointmentID: r.AppointmentID, PatientID: r.PatientID, Kind: r.Kind,
		Locale: r.Locale, Title: r.Title, TemplateID: r.TemplateID, TemplateHash: r.TemplateHash,
		DataHash: r.DataHash, PDFSHA256: r.PDFSHA256, Pages: r.Pages, Status: r.Status,
		GeneratedAt: r.GeneratedAt, PrintedAt: r.PrintedAt, SignedAt: r.SignedAt, SignedBy: deref(r.SignedBy),
		SignMethod: deref(r.SignMethod), SignedSHA256: deref(r.SignedSHA256), VoidedAt: r.VoidedAt,
		ReplacedBy: deref(r.ReplacedBy), SupersededAt: r.SupersededAt, SupersededBy: deref(r.SupersededBy)}
	if r.SupersededAt != nil {
		d.Status = Superseded
	}
	return d
}

const metaColumns = `id, appointment_id, patient_id, kind, locale, title, template_id, template_hash,
	data_hash, pdf_sha256, pages, status, generated_at, printed_at, signed_at, signed_by, sign_method,
	signed_by_staff, signed_sha256, voided_at, replaced_by, superseded_at, superseded_by`

// selectLive reads a visit's live documents with what a pack needs to print them
// again: the filled Markdown and a tablet signature. A kind may have two: the signed
// one and the new version awaiting signature after its data changed.
const selectLive = `SELECT ` + metaColumns + `, markdown, signature_png
	FROM documents WHERE appointment_id = ? AND status <> 'voided' AND superseded_at IS NULL`

const selectDocument = `SELECT ` + metaColumns + `, markdown, pdf, signature_png, signed_pdf, scan, scan_type
	FROM documents WHERE id = ?`

const insertDocument = `INSERT INTO documents (id, appointment_id, patient_id, kind, locale, title, markdown,
	template_id, template_hash, data_hash, pdf, pdf_sha256, pages, status, generated_at)
	VALUES (:id, :appointment_id, :patient_id, :kind, :locale, :title, :markdown, :template_id,
	:template_hash, :data_hash, :pdf, :pdf_sha256, :pages, 'generated', :generated_at)`

// voidDocument voids an unsigned document in favour of the one replacing it.
const voidDocument = `UPDATE documents SET status = 'voided', voided_at = ?, replaced_by = ?
	WHERE id = ? AND status IN ('generated', 'printed')`

// markPrinted keeps the first printing time: a reprint is the same paper.
const markPrinted = `UPDATE documents SET status = 'printed', printed_at = ?
	WHERE id = ? AND status = 'generated'`

const signDocument = `UPDATE documents SET status = 'signed', signed_at = :signed_at, signed_by = :signed_by,
	sign_method = :sign_method, signed_by_staff = :signed_by_staff, signature_png = :signature_png,
	signed_pdf = :signed_pdf, signed_sha256 = :signed_sha256, scan = :scan, scan_type = :scan_type
	WHERE id = :id AND status IN ('generated', 'printed')`

// selectSignedKinds are the kinds whose current version is signed: a signature
// stops counting once a new version of its document awaits signing (the data
// changed) and once that version is signed (it is superseded).
const selectSignedKinds = `SELECT kind FROM documents d WHERE appointment_id = ? AND status = 'signed'
	AND superseded_at IS NULL AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.appointment_id = d.appointment_id
	AND n.kind = d.kind AND n.status IN ('generated', 'printed'))`

// supersede marks the visit's signed document of a kind superseded by the one being
// signed; it runs before that signing, as one current signed row per kind is allowed.
const supersede = `UPDATE documents SET superseded_at = ?, superseded_by = ?
	WHERE appointment_id = ? AND kind = ? AND status = 'signed' AND superseded_at IS NULL AND id <> ?`

const insertOverride = `INSERT INTO seating_overrides (id, appointment_id, staff_id, reason, missing, created_at)
	VALUES (?, ?, ?, ?, ?, ?)`

func liveDocuments(ctx context.Context, q db.Q, appointmentID string) ([]docRow, error) {
	var rows []docRow
	return rows, db.Select(ctx, q, &rows, selectLive, appointmentID)
}

func oneDocument(ctx context.Context, q db.Q, id string) (docRow, error) {
	var r docRow
	return r, db.Get(ctx, q, &r, selectDocument, id)
}

func insertRow(ctx context.Context, q db.Q, r docRow) error {
	_, err := sqlx.NamedExecContext(ctx, q, insertDocument, r)
	return db.Map(err)
}

// signRow records a signature; false when the row is no longer unsigned.
func signRow(ctx context.Context, q db.Q, r docRow) (bool, error) {
	res, err := sqlx.NamedExecContext(ctx, q, signDocument, r)
	if err != nil {
		return false, db.Map(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func signedKinds(ctx context.Context, q db.Q, appointmentID string) ([]string, error) {
	var kinds []string
	return kinds, db.Select(ctx, q, &kinds, selectSignedKinds, appointmentID)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
