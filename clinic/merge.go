package clinic

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// repointPatientSQL moves every row that names a merged duplicate over to its survivor,
// each statement taking (survivor, duplicate). It is the one list to extend when a table
// gains a patient_id column; a test compares it with the schema's foreign keys. The
// audit log is left alone on purpose: it records what happened to which card, and an
// export of the survivor includes the rows of every card merged into it.
var repointPatientSQL = []string{
	// cards merged into the duplicate earlier now point at the survivor, so no chain forms
	`UPDATE patients SET merged_into = ? WHERE merged_into = ?`,
	`UPDATE appointments SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE patient_links SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE outbox SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE waitlist_entries SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE questionnaire_responses SET patient_id = ? WHERE patient_id = ?`,
	// the documents trigger lets a signed document change its patient_id only
	`UPDATE documents SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE consent_ledger SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE inbound_messages SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE inbox_tasks SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE patient_guardians SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE patient_guardians SET guardian_id = ? WHERE guardian_id = ?`,
	`UPDATE follow_ups SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE surveys SET patient_id = ? WHERE patient_id = ?`,
	`UPDATE treatment_plans SET patient_id = ? WHERE patient_id = ?`,
	// a patient has one recall per service: where both cards have one, the later date
	// stays (a recall is a date worked out from visits, not a record to answer for)
	`DELETE FROM recalls WHERE id IN (SELECT d.id FROM recalls d JOIN recalls s ON s.service_id = d.service_id
		AND s.patient_id = ? WHERE d.patient_id = ? AND d.due_on <= s.due_on)`,
	`DELETE FROM recalls WHERE id IN (SELECT s.id FROM recalls s JOIN recalls d ON d.service_id = s.service_id
		AND s.patient_id = ? WHERE d.patient_id = ?)`,
	`UPDATE recalls SET patient_id = ? WHERE patient_id = ?`,
}

const markMergedSQL = `UPDATE patients SET merged_into = ?, updated_at = ? WHERE id = ? AND merged_into IS NULL`

// MergePatients folds the duplicate card into the survivor: the duplicate is kept (never
// deleted) but marked merged and hidden, everything that pointed at it points at the
// survivor, and blanks on the survivor are filled from it. All in one transaction.
func (s *Service) MergePatients(ctx context.Context, survivorID, duplicateID string) (Patient, error) {
	duplicateID = strings.ToLower(duplicateID)
	if duplicateID == survivorID {
		return Patient{}, ErrMergeSelf
	}
	var p Patient
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		survivor, dup, err := s.mergePair(ctx, tx, survivorID, duplicateID)
		if err != nil {
			return err
		}
		now := s.clock()
		if err := repoint(ctx, tx, survivor.ID, dup.ID, now); err != nil {
			return err
		}
		p = foldInto(survivor, dup)
		p.UpdatedAt = now
		if err := duplicate(updatePatient(ctx, tx, p)); err != nil {
			return err
		}
		if err := s.log.Record(ctx, tx, patientEntry(audit.Update, dup.ID)); err != nil {
			return err
		}
		return s.log.Record(ctx, tx, patientEntry(audit.Update, p.ID))
	})
	return p, err
}

// repoint marks the duplicate merged and moves every reference to it to the survivor.
func repoint(ctx context.Context, tx db.Tx, survivorID, duplicateID string, now time.Time) error {
	if err := db.ExecOne(ctx, tx, markMergedSQL, survivorID, now, duplicateID); err != nil {
		return err
	}
	for _, stmt := range repointPatientSQL {
		if err := db.Exec(ctx, tx, stmt, survivorID, duplicateID); err != nil {
			return err
		}
	}
	return nil
}

// mergePair reads both live cards; a missing duplicate is a bad field of the request.
func (s *Service) mergePair(ctx context.Context, tx db.Tx, survivorID, duplicateID string) (Patient, Patient, error) {
	survivor, err := s.visiblePatient(ctx, tx, survivorID)
	if err != nil {
		return Patient{}, Patient{}, err
	}
	if !isUUID(duplicateID) {
		return Patient{}, Patient{}, fieldErr("duplicate_id", "uuid", "must be an id (UUID)")
	}
	dup, err := s.visiblePatient(ctx, tx, duplicateID)
	if err != nil {
		return Patient{}, Patient{}, fieldErr("duplicate_id", "not_found", "no such live patient (missing or already merged)")
	}
	return survivor.Patient, dup.Patient, nil
}

// foldInto fills the survivor's blanks from the duplicate. Medical alerts are united,
// since losing an allergy is dangerous; notes are appended; consents are merged per
// channel by mergeConsents.
func foldInto(survivor, dup Patient) Patient {
	p := survivor
	fillBlank(&p.MiddleName, dup.MiddleName)
	fillBlank(&p.BirthDate, dup.BirthDate)
	fillBlank(&p.Sex, dup.Sex)
	fillBlank(&p.Email, dup.Email)
	fillBlank(&p.Address, dup.Address)
	fillBlank(&p.IDDocument, dup.IDDocument)
	if dup.Notes != "" && dup.Notes != p.Notes {
		p.Notes = strings.TrimSpace(p.Notes + "\n\n" + dup.Notes)
	}
	alerts := append(slices.Clone(p.MedicalAlerts), dup.MedicalAlerts...)
	slices.Sort(alerts)
	p.MedicalAlerts = slices.Compact(alerts)
	p.Consents = mergeConsents(survivor.Consents, dup.Consents)
	return p
}

func fillBlank(to *string, from string) {
	if *to == "" {
		*to = from
	}
}

// mergeConsents combines the consents of two cards of one person. A channel recorded on
// one card only keeps that record. Recorded on both, service consent given on either
// stands, but marketing consent stays only if both have it: an opt-out recorded on
// either card must keep being honoured.
func mergeConsents(a, b map[string]Consent) map[string]Consent {
	out := map[string]Consent{}
	for _, ch := range Channels {
		ca, okA := a[ch]
		cb, okB := b[ch]
		switch {
		case okA && okB:
			out[ch] = Consent{Service: ca.Service || cb.Service, Marketing: ca.Marketing && cb.Marketing}
		case okA:
			out[ch] = ca
		case okB:
			out[ch] = cb
		}
	}
	return out
}
