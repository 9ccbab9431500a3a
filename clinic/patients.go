package clinic

import (
	"context"
	"errors"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// PatientInput is a new card. BranchID is the branch registering the patient: it
// becomes the home branch, and its country is the default region of the phone.
type PatientInput struct {
	BranchID         string
	FirstName        string
	LastName         string
	MiddleName       string
	BirthDate        string
	Sex              string
	Phone            string
	Email            string
	Locale           string // defaults to the branch's locale
	PreferredChannel string // defaults to sms
	Consents         map[string]Consent
	Notes            string
	// Address and IDDocument are what contracts name the patient by.
	Address    string
	IDDocument string
}

// PatientPatch changes the fields it sets; Consents replaces the whole map. BranchID
// moves the card to another home branch.
type PatientPatch struct {
	BranchID         *string
	FirstName        *string
	LastName         *string
	MiddleName       *string
	BirthDate        *string
	Sex              *string
	Phone            *string
	Email            *string
	Locale           *string
	PreferredChannel *string
	Consents         *map[string]Consent
	Notes            *string
	Address          *string
	IDDocument       *string
	// MedicalAlerts replaces the display lines staff see (the questionnaire sets them).
	MedicalAlerts *[]string
}

// entity is the audit log's name for a patient card.
const entity = "patient"

// CreatePatient registers a patient. When a live card with the same phone and birth
// date (or, without a birth date, the same phone and name) exists, it is returned
// instead and created is false: front desks re-register returning patients all the time.
func (s *Service) CreatePatient(ctx context.Context, in PatientInput) (p Patient, created bool, err error) {
	now := s.clock()
	p = Patient{ID: newID(), FirstName: in.FirstName, LastName: in.LastName, MiddleName: in.MiddleName,
		BirthDate: in.BirthDate, Sex: in.Sex, Phone: in.Phone, Email: in.Email, Locale: in.Locale,
		PreferredChannel: in.PreferredChannel, Consents: in.Consents, Notes: in.Notes,
		Address: in.Address, IDDocument: in.IDDocument,
		MedicalAlerts: []string{}, HomeBranchID: strings.ToLower(in.BranchID), CreatedAt: now, UpdatedAt: now}
	err = s.db.InTx(ctx, func(tx db.Tx) error {
		branch, err := s.branchRef(ctx, tx, "branch_id", p.HomeBranchID)
		if err != nil {
			return err
		}
		if err := preparePatient(&p, branch, now); err != nil {
			return err
		}
		if p, created, err = s.insertOrFind(ctx, tx, p); err != nil {
			return err
		}
		if created {
			return s.log.Record(ctx, tx, patientEntry(audit.Create, p.ID))
		}
		return s.log.Record(ctx, tx, patientEntry(audit.Read, p.ID))
	})
	return p, created, err
}

// insertOrFind inserts p unless the person already has a live card, which it returns
// instead (created false) if the actor may see it.
func (s *Service) insertOrFind(ctx context.Context, tx db.Tx, p Patient) (Patient, bool, error) {
	if err := lockPhone(ctx, tx, s.db.Dialect, p.Phone); err != nil {
		return Patient{}, false, err
	}
	existing, found, err := findDuplicate(ctx, tx, p)
	if err != nil {
		return Patient{}, false, err
	}
	if !found {
		inserted, err := insertPatient(ctx, tx, p)
		if err != nil || inserted {
			return p, inserted, err
		}
		// A concurrent request inserted the same person between the look-up and the
		// insert; the unique index kept it to one card, which is the answer.
		if existing, err = selectPatientByKey(ctx, tx, dedupeKey(p)); err != nil {
			return Patient{}, false, err
		}
	}
	if !canSeePatient(actor.From(ctx), existing) {
		return Patient{}, false, ErrPatientElsewhere
	}
	return existing, false, nil
}

// Patient returns a card and writes who read it to the audit log.
func (s *Service) Patient(ctx context.Context, id string) (Patient, error) {
	sp, err := s.visiblePatient(ctx, s.db.R, id)
	if err != nil {
		return Patient{}, err
	}
	return sp.Patient, s.log.RecordNow(ctx, patientEntry(audit.Read, id))
}

// UpdatePatient changes the fields p sets.
func (s *Service) UpdatePatient(ctx context.Context, id string, patch PatientPatch) (Patient, error) {
	var p Patient
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		sp, err := s.visiblePatient(ctx, tx, id)
		if err != nil {
			return err
		}
		p = sp.Patient
		applyPatientPatch(&p, patch)
		branch, err := s.branchRef(ctx, tx, "branch_id", p.HomeBranchID)
		if err != nil {
			return err
		}
		p.UpdatedAt = s.clock()
		if err := preparePatient(&p, branch, p.UpdatedAt); err != nil {
			return err
		}
		return s.audited(ctx, tx, audit.Update, id, duplicate(updatePatient(ctx, tx, p)))
	})
	return p, err
}

func applyPatientPatch(p *Patient, patch PatientPatch) {
	if patch.BranchID != nil {
		p.HomeBranchID = strings.ToLower(*patch.BranchID)
	}
	setIf(&p.FirstName, patch.FirstName)
	setIf(&p.LastName, patch.LastName)
	setIf(&p.MiddleName, patch.MiddleName)
	setIf(&p.BirthDate, patch.BirthDate)
	setIf(&p.Sex, patch.Sex)
	setIf(&p.Phone, patch.Phone)
	setIf(&p.Email, patch.Email)
	setIf(&p.Locale, patch.Locale)
	setIf(&p.PreferredChannel, patch.PreferredChannel)
	setIf(&p.Consents, patch.Consents)
	setIf(&p.Notes, patch.Notes)
	setIf(&p.Address, patch.Address)
	setIf(&p.IDDocument, patch.IDDocument)
	setIf(&p.MedicalAlerts, patch.MedicalAlerts)
}

// findDuplicate finds the live card a new one repeats: the same phone and birth date,
// or the same phone and name where one of the two cards has no birth date (a card
// without one cannot be told apart from the same person with one).
func findDuplicate(ctx context.Context, q db.Q, p Patient) (Patient, bool, error) {
	found, err := selectPatientByPhoneName(ctx, q, p.Phone, searchName(p), p.BirthDate == "")
	if p.BirthDate != "" && errors.Is(err, db.ErrNotFound) {
		found, err = selectPatientByKey(ctx, q, dedupeKey(p))
	}
	if errors.Is(err, db.ErrNotFound) {
		return Patient{}, false, nil
	}
	return found, err == nil, err
}

// visiblePatient reads a live card at a branch the actor may see. A card merged into
// another answers ErrPatientMerged naming the survivor.
func (s *Service) visiblePatient(ctx context.Context, q db.Q, id string) (storedPatient, error) {
	sp, err := selectPatient(ctx, q, id)
	if err != nil {
		return storedPatient{}, notFound(err, ErrPatientNotFound)
	}
	if !canSeePatient(actor.From(ctx), sp.Patient) {
		return storedPatient{}, ErrPatientNotFound
	}
	if sp.MergedInto != "" {
		return storedPatient{}, ErrPatientMerged(sp.MergedInto)
	}
	return sp, nil
}

// canSeePatient lets doctors and nurses see the cards of their branches only.
func canSeePatient(a actor.Actor, p Patient) bool {
	return a.SeesAllBranches() || (p.HomeBranchID != "" && a.CanSeeBranch(p.HomeBranchID))
}

// audited writes the audit row of a successful change on its transaction.
func (s *Service) audited(ctx context.Context, q db.Q, action audit.Action, id string, err error) error {
	if err != nil {
		return err
	}
	return s.log.Record(ctx, q, patientEntry(action, id))
}

func patientEntry(action audit.Action, id string) audit.Entry {
	return audit.Entry{Action: action, Entity: entity, EntityID: id, PatientID: id}
}

// duplicate reports an edit that would make a card collide with another live one.
func duplicate(err error) error {
	if errors.Is(err, db.ErrConflict) {
		return ErrPatientExists
	}
	return err
}

// branchRef reads a branch named in a request, checking that the actor works there.
func (s *Service) branchRef(ctx context.Context, q db.Q, field, id string) (Branch, error) {
	if err := s.checkBranchRef(ctx, q, field, id); err != nil {
		return Branch{}, err
	}
	return selectBranch(ctx, q, id)
}
