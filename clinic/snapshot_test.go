package clinic_test

import (
	"errors"
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Two instances over one database: a snapshot answers what the other instance changed
// as soon as the change has committed, though its own answers are warm; and a warm
// entry is still refused to a caller who may not see its branch.
func TestSnapshotsSeeTheOtherInstancesChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		one, other := newService(t, d), newService(t, d)
		b := mustBranch(t, one, warsaw())
		p, err := one.CreateProcedure(ctx, checkup())
		if err != nil {
			t.Fatal(err)
		}
		doc, err := one.CreateDoctor(ctx, clinic.DoctorInput{StaffID: insertStaff(t, d, "doctor", b.ID), ServiceIDs: []string{p.ID}})
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, one, b.ID, p.ID, doc.ID)
		nurse := as(actor.Nurse, "0190aaaa-0000-7000-8000-000000000002")
		snap, err := one.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := snap.Doctor(nurse, doc.ID); !errors.Is(err, clinic.ErrDoctorNotFound) {
			t.Fatalf("a nurse of another branch reads the cached doctor: %v", err)
		}
		if _, err := snap.Branch(nurse, b.ID); !errors.Is(err, clinic.ErrBranchNotFound) {
			t.Fatalf("a nurse of another branch reads the cached branch: %v", err)
		}
		name, minutes := "Wola", 45
		need(other.UpdateBranch(ctx, b.ID, clinic.BranchPatch{Name: &name}))(t)
		need(other.UpdateProcedure(ctx, p.ID, clinic.ProcedurePatch{DurationMinutes: &minutes}))(t)
		need(other.DeactivateDoctor(ctx, doc.ID))(t)
		gb, gp, gd := readAll(t, one, b.ID, p.ID, doc.ID)
		if gb.Name != name || gp.DurationMinutes != minutes || gd.Active {
			t.Fatalf("after the other instance's changes: branch %q, %d minutes, doctor active %v", gb.Name, gp.DurationMinutes, gd.Active)
		}
	})
}

// readAll reads a branch, a service and a doctor through a new snapshot of s.
func readAll(t *testing.T, s *clinic.Service, branchID, procedureID, doctorID string) (clinic.Branch, clinic.Procedure, clinic.Doctor) {
	t.Helper()
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := need(snap.Branch(ctx, branchID))(t)
	p := need(snap.Procedure(ctx, procedureID))(t)
	return b, p, need(snap.Doctor(ctx, doctorID))(t)
}

// need fails the test on err and otherwise gives v: need(f())(t).
func need[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
