package documents

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Size limits of what a signing may carry (decoded bytes).
const (
	MaxSignaturePNG = 256 << 10
	MaxScan         = 640 << 10
)

// Scan types a paper signing may attach.
const (
	ScanPDF = "application/pdf"
	ScanPNG = "image/png"
)

// Signing is who signed a document and how.
type Signing struct {
	SignedBy string // patient | guardian
	Method   string // paper | tablet
	// SignaturePNG is the tablet signature; required for tablet, refused for paper.
	SignaturePNG []byte
	// Scan is the signed paper (PDF or PNG), optional and only for paper.
	Scan []byte
}

// Sign records that the patient (or their guardian) signed the document. A tablet
// signature is placed into a signed copy of the document; signed_sha256 binds the
// original PDF, the data it was made from, the signature, the signer and the time.
func (s *Service) Sign(ctx context.Context, id string, in Signing) (Document, error) {
	scanType, err := checkSigning(in)
	if err != nil {
		return Document{}, err
	}
	r, a, err := s.stored(ctx, id)
	if err != nil {
		return Document{}, err
	}
	if err := signable(r); err != nil {
		return Document{}, err
	}
	v, err := s.visitOf(ctx, s.dir, a)
	if err != nil {
		return Document{}, err
	}
	if err := s.current(v, r); err != nil {
		return Document{}, err
	}
	if v.data.Guardian != nil && in.SignedBy != SignedByGuardian {
		return Document{}, ErrGuardianSigns
	}
	signed, err := s.signed(v, r, in, scanType)
	if err != nil {
		return Document{}, err
	}
	return signed.document(), s.recordSigning(ctx, signed)
}

// checkSigning validates a signing, naming the fields (422), and tells the scan's type.
func checkSigning(in Signing) (string, error) {
	var fields []fault.FieldError
	add := func(field, code, msg string) {
		fields = append(fields, fault.FieldError{Field: field, Code: code, Message: msg})
	}
	if in.SignedBy != SignedByPatient && in.SignedBy != SignedByGuardian {
		add("signed_by", "oneof", "must be one of: patient guardian")
	}
	switch in.Method {
	case MethodTablet:
		checkSignaturePNG(in.SignaturePNG, add)
		if len(in.Scan) > 0 {
			add("scan", "paper_only", "a scan goes with a paper signature; a tablet signature is the signature_png")
		}
	case MethodPaper:
		if len(in.SignaturePNG) > 0 {
			add("signature_png", "tablet_only", "a signature image goes with method tablet")
		}
	default:
		add("method", "oneof", "must be one of: paper tablet")
	}
	scanType := checkScan(in.Scan, add)
	if len(fields) > 0 {
		return "", &fault.Error{Kind: fault.Unprocessable, Code: "validation_failed", Detail: "the signing has invalid fields", Fields: fields}
	}
	return scanType, nil
}

func checkSignaturePNG(b []byte, add func(field, code, msg string)) {
	switch {
	case len(b) == 0:
		add("signature_png", "required", "a tablet signing needs the signature as a base64 PNG")
	case len(b) > MaxSignaturePNG:
		add("signature_png", "too_large", "must be at most 256 KiB")
	default:
		if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
			add("signature_png", "png", "must be a PNG image")
		}
	}
}

func checkScan(b []byte, add func(field, code, msg string)) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > MaxScan:
		add("scan", "too_large", "must be at most 640 KiB")
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return ScanPDF
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return ScanPNG
	default:
		add("scan", "type", "must be a PDF or a PNG")
	}
	return ""
}

func signable(r docRow) error {
	switch r.Status {
	case Voided:
		return ErrVoided
	case Signed:
		return ErrAlreadySigned
	}
	return nil
}

// current refuses a document made from data or a template that changed since: the
// patient would sign what no longer holds.
func (s *Service) current(v visitSheet, r docRow) error {
	d := v.data
	f, err := s.tpl.Fill(r.Kind, v.locale, d)
	if err != nil {
		return err
	}
	if outdated(r, v, f) {
		return ErrStale
	}
	return nil
}

// signed is the row as signed: a tablet signing gets its signed copy rendered.
func (s *Service) signed(v visitSheet, r docRow, in Signing, scanType string) (docRow, error) {
	now := s.clock()
	r.Status, r.SignedAt, r.SignedBy, r.SignMethod = Signed, &now, &in.SignedBy, &in.Method
	if in.Method == MethodTablet {
		r.SignaturePNG = in.SignaturePNG
		var buf bytes.Buffer
		if _, err := s.ts.Render(&buf, []pdf.Document{s.typeset(v, r)}, pdf.Options{CreationDate: now}); err != nil {
			return r, err
		}
		r.SignedPDF = buf.Bytes()
	}
	if len(in.Scan) > 0 {
		r.Scan, r.ScanType = in.Scan, &scanType
	}
	binding := signatureBinding(r, in)
	r.SignedSHA256 = &binding
	return r, nil
}

// signatureBinding is the SHA-256 that ties a signature to what was signed: the
// original PDF's hash, the data hash, the hash of the signature image (or of the
// scan), the signer, the time, and the signed copy's hash, one per line.
func signatureBinding(r docRow, in Signing) string {
	mark := in.SignaturePNG
	if len(mark) == 0 {
		mark = in.Scan
	}
	lines := []string{"frontdesk-signature-v1", r.PDFSHA256, r.DataHash, hashOrEmpty(mark), in.SignedBy,
		in.Method, r.SignedAt.UTC().Format(time.RFC3339Nano), hashOrEmpty(r.SignedPDF)}
	return sha256Hex([]byte(strings.Join(lines, "\n")))
}

func hashOrEmpty(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return sha256Hex(b)
}

// recordSigning writes the signature and its audit row; a document signed or voided
// meanwhile is answered as such.
func (s *Service) recordSigning(ctx context.Context, r docRow) error {
	if who := actor.From(ctx); who.StaffID != "" {
		r.SignedByStaff = &who.StaffID
	}
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if err := db.Exec(ctx, tx, supersede, *r.SignedAt, r.ID, r.AppointmentID, r.Kind, r.ID); err != nil {
			return err
		}
		ok, err := signRow(ctx, tx, r)
		if err != nil {
			return err
		}
		if !ok {
			now, err := oneDocument(ctx, tx, r.ID)
			return errors.Join(signable(now), err, ErrAlreadySigned)
		}
		return s.log.Record(ctx, tx, audit.Entry{Action: audit.Update, Entity: "document", EntityID: r.ID, PatientID: r.PatientID})
	})
}

// signerName is the name printed under a tablet signature.
func signerName(v visitSheet, signedBy string) string {
	if signedBy == SignedByGuardian && v.data.Guardian != nil {
		return v.data.Guardian.Name
	}
	return v.data.Patient.FullName
}
