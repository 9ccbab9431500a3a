package messaging

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Call is the consent ledger's medium for phone calls: a patient who asked not to be
// called is kept off follow-up and campaign call lists. Nothing is sent by it.
const Call = "call"

const selectNewestOptOut = `SELECT opted_out FROM consent_ledger WHERE patient_id = ? AND medium = ?
	ORDER BY at DESC, id DESC LIMIT 1`

// OptedOut reports whether the patient's newest word on medium is "no"; a patient who
// never said anything is not opted out.
func (s *Service) OptedOut(ctx context.Context, q db.Q, patientID, medium string) (bool, error) {
	var out bool
	err := db.Get(ctx, q, &out, selectNewestOptOut, patientID, medium)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return out, err
}

// RecordOptOut appends the patient's word on medium to the consent ledger (never an
// edit: the ledger is the evidence); source says who took it ("staff", "sms_stop").
func (s *Service) RecordOptOut(ctx context.Context, q db.Q, patientID, address, medium string, out bool, source string) error {
	return s.store.recordConsent(ctx, q, &patientID, address, medium, out, source, s.clock())
}

// Address is a patient's address on a medium, as a feature asks about it.
type Address struct {
	PatientID string
	Medium    string
	Address   string
}

// OptedOutOf tells which of the addresses are opted out, as the dispatcher decides it:
// the newer of what was said about the address and about the patient on its medium.
func (s *Service) OptedOutOf(ctx context.Context, list []Address) (map[Address]bool, error) {
	addrs, patients := make([]string, 0, len(list)), make([]string, 0, len(list))
	for _, a := range list {
		addrs, patients = append(addrs, a.Address), append(patients, a.PatientID)
	}
	book, err := s.store.consents(ctx, s.db.R, addrs, patients)
	if err != nil {
		return nil, err
	}
	out := map[Address]bool{}
	for _, a := range list {
		if book.optedOut(a.Medium, a.Address, &a.PatientID) {
			out[a] = true
		}
	}
	return out, nil
}
