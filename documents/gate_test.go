package documents_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

func (f *fixture) arrive(c *apitest.Client, a visit.Visit) {
	f.t.Helper()
	expectStatus(f.t, c.Do("POST", "/api/v1/appointments/"+a.ID+"/check-in", nil), 200, "")
}

func TestGateRefusesUnsignedDocumentsUntilSigned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.extraction, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		f.arrive(admin, a)
		r := admin.Do("POST", "/api/v1/appointments/"+a.ID+"/seat", nil)
		expectStatus(t, r, 409, "documents_unsigned")
		var fields []string
		for _, e := range r.Problem(t).Errors {
			fields = append(fields, e.Field)
		}
		want := []string{"documents.contract", "documents.consent_general", "documents.consent_anaesthesia",
			"documents.consent_extraction", "documents.consent_personal_data"}
		if !slices.Equal(fields, want) {
			t.Fatalf("unsigned fields %v, want %v", fields, want)
		}
		f.pack(admin, a.ID)
		list := f.checklist(admin, a.ID)
		for kind, id := range list.ids() {
			if kind == "contract" {
				continue
			}
			sign(t, admin, id, map[string]any{"signed_by": "patient", "method": "paper"}, 200, "")
		}
		r = admin.Do("POST", "/api/v1/appointments/"+a.ID+"/seat", nil)
		expectStatus(t, r, 409, "documents_unsigned")
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "documents.contract" {
			t.Fatalf("after signing all but the contract: %+v", p.Errors)
		}
		sign(t, admin, list.ids()["contract"], map[string]any{"signed_by": "patient", "method": "paper"}, 200, "")
		if !f.checklist(admin, a.ID).MaySeat {
			t.Error("may_seat false with everything signed")
		}
		expectStatus(t, f.env.SignIn(actor.Nurse, f.branch.ID).Do("POST", "/api/v1/appointments/"+a.ID+"/seat", nil), 200, "")
	})
}

func TestGateOverrideByOwnerOrTheVisitsDoctorOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		admin, owner := f.env.As(actor.Admin), f.env.As(actor.Owner)
		first := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		second := f.book(f.checkup, 11, 0, "Jan", "Lis")
		f.arrive(admin, first)
		f.arrive(admin, second)
		why := map[string]any{"override_reason": "acute pain; contract signed on paper, scan pending"}
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+first.ID+"/seat", why), 403, "override_forbidden")
		otherDoctor := f.env.SignIn(actor.Doctor, f.branch.ID)
		expectStatus(t, otherDoctor.Do("POST", "/api/v1/appointments/"+first.ID+"/seat", why), 403, "override_forbidden")
		expectStatus(t, owner.Do("POST", "/api/v1/appointments/"+first.ID+"/seat", why), 200, "")
		expectStatus(t, f.doctorAPI.Do("POST", "/api/v1/appointments/"+second.ID+"/seat", why), 200, "")

		var reasons []string
		if err := d.R.Select(&reasons, d.R.Rebind(`SELECT reason FROM seating_overrides WHERE appointment_id IN (?, ?)`), first.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		var audited int
		if err := d.R.Get(&audited, d.R.Rebind(`SELECT COUNT(*) FROM audit_log WHERE entity = 'seating_override' AND patient_id IN (?, ?)`),
			*first.PatientID, *second.PatientID); err != nil {
			t.Fatal(err)
		}
		if len(reasons) != 2 || audited != 2 {
			t.Fatalf("overrides %v, audit rows %d; want 2 and 2", reasons, audited)
		}
	})
}

// TestParallelPacksMakeOneDocumentPerKind: ten printers asking for one visit's pack at
// once leave exactly one live document of each kind.
func TestParallelPacksMakeOneDocumentPerKind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.extraction, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		var wg sync.WaitGroup
		statuses := make([]int, 10)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = admin.Do("GET", "/api/v1/appointments/"+a.ID+"/pack.pdf", nil).Status
			}()
		}
		wg.Wait()
		for i, s := range statuses {
			if s != 200 {
				t.Errorf("request %d: %d", i, s)
			}
		}
		var counts []struct {
			Kind string `db:"kind"`
			N    int    `db:"n"`
		}
		if err := d.R.Select(&counts, d.R.Rebind(`SELECT kind, COUNT(*) AS n FROM documents
			WHERE appointment_id = ? AND status <> 'voided' GROUP BY kind`), a.ID); err != nil {
			t.Fatal(err)
		}
		if len(counts) != 5 {
			t.Errorf("live kinds %v, want 5", counts)
		}
		for _, c := range counts {
			if c.N != 1 {
				t.Errorf("%s: %d live documents", c.Kind, c.N)
			}
		}
	})
}
