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
