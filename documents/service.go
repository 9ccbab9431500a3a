package documents

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Deps are what the documents service needs.
type Deps struct {
	DB           *db.DB
	Appointments AppointmentReader
	Dir          Directory
	// Questionnaires give the answers and medical alerts; nil prints blanks for them.
	Questionnaires Questionnaires
	// Templates are the loaded document templates; nil is the built-in set.
	Templates *doctemplate.Set
	// Typesetter renders PDFs; nil makes one (fonts are parsed once per Typesetter).
	Typesetter *pdf.Typesetter
	Audit      *audit.Log
	Now        func() time.Time
}

// Service makes, prints and records the signing of a visit's documents.
type Service struct {
	db    *db.DB
	appts AppointmentReader
	dir   Directory
	quest Questionnaires
	tpl   *doctemplate.Set
	ts    *pdf.Typesetter
	log   *audit.Log
	now   func() time.Time
	// broken is why the templates could not be prepared; every call answers it.
	broken error
}

// NewService returns the documents service. Built-in templates or fonts that fail to
// load are a programming error; it is answered by every call rather than a panic.
func NewService(d Deps) *Service {
	s := &Service{db: d.DB, appts: d.Appointments, dir: d.Dir, quest: d.Questionnaires, tpl: d.Templates,
		ts: d.Typesetter, log: d.Audit, now: d.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if s.tpl == nil {
		s.tpl, s.broken = doctemplate.Load()
	}
	if s.ts == nil {
		s.ts = pdf.NewTypesetter()
	}
	return s
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// visible returns the appointment when the actor may see it; a document of a visit
// they may not see is answered as no document at all.
func (s *Service) visible(ctx context.Context, appointmentID string) (visit.Visit, error) {
	if s.broken != nil {
		return visit.Visit{}, s.broken
	}
	a, err := s.appts.Get(ctx, appointmentID)
	if errors.Is(err, visit.ErrNotFound) || errors.Is(err, db.ErrNotFound) {
		return a, visit.ErrNotFound
	}
	return a, err
}

// stored reads one document of a visit the actor may see.
func (s *Service) stored(ctx context.Context, id string) (docRow, visit.Visit, error) {
	r, err := oneDocument(ctx, s.db.R, id)
	if errors.Is(err, db.ErrNotFound) {
		return r, visit.Visit{}, ErrNotFound
	}
	if err != nil {
		return r, visit.Visit{}, err
	}
	a, err := s.visible(ctx, r.AppointmentID)
	if errors.Is(err, visit.ErrNotFound) {
		return r, a, ErrNotFound
	}
	return r, a, err
}

// File is a stored PDF ready to send.
type File struct {
	Name  string
	Bytes []byte
}

// PDF returns a stored document: the signed copy when a tablet signature made one,
// otherwise the PDF as generated. The read is audited.
func (s *Service) PDF(ctx context.Context, id string) (File, error) {
	r, _, err := s.stored(ctx, id)
	if err != nil {
		return File{}, err
	}
	f := File{Name: r.Kind + "-" + r.ID + ".pdf", Bytes: r.PDF}
	if len(r.SignedPDF) > 0 {
		f = File{Name: r.Kind + "-" + r.ID + "-signed.pdf", Bytes: r.SignedPDF}
	}
	return f, s.log.RecordNow(ctx, audit.Entry{Action: audit.Read, Entity: "document", EntityID: r.ID, PatientID: r.PatientID})
}
