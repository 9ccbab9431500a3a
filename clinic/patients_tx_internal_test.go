package clinic

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestPatientsTxReadsLiveCardsOrFails: the batch read answers each live card by id,
// and fails as PatientTx does on a card merged away or missing.
func TestPatientsTxReadsLiveCardsOrFails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, ids := swedishPatients(t, d, "Nilsson", "070-123 45 11", "070-123 45 12", "070-123 45 13")
		got, err := s.PatientsTx(ctx, d.R, []string{ids[0], ids[1], ids[0]})
		if err != nil || len(got) != 2 || got[ids[1]].Phone != "+46701234512" {
			t.Fatalf("cards %+v (%v)", got, err)
		}
		if _, err := s.PatientsTx(ctx, d.R, []string{ids[0], uuid.NewString()}); !errors.Is(err, ErrPatientNotFound) {
			t.Errorf("a missing card: %v", err)
		}
		if _, err := s.MergePatients(ctx, ids[2], ids[1]); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PatientsTx(ctx, d.R, []string{ids[0], ids[1]}); err == nil || errors.Is(err, ErrPatientNotFound) {
			t.Errorf("a merged card: %v", err)
		}
	})
}

// swedishPatients makes a branch in Stockholm and a patient of lastName per phone there,
// answering the service and the patients' ids in the phones' order.
func swedishPatients(t *testing.T, d *db.DB, lastName string, phones ...string) (*Service, []string) {
	t.Helper()
	ctx := context.Background()
	s := NewService(d, audit.New(d, time.Now), time.Now)
	b, err := s.CreateBranch(ctx, BranchInput{Name: "B", Country: "SE", TimeZone: "Europe/Stockholm", Locale: "sv", Currency: "SEK"})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(phones))
	for _, phone := range phones {
		p, _, err := s.CreatePatient(ctx, PatientInput{BranchID: b.ID, FirstName: "Sven", LastName: lastName, Phone: phone})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	return s, ids
}
