package schedule

import (
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// One doctor's answer is the branch's narrowed to them whether the branch's was kept
// first or not: only that doctor in the slots and the list, their own busy time, and
// a doctor who does not perform the service (or does not exist) refused, before and
// after a change that counts the version up.
func TestAvailabilityForOneDoctorNarrowsTheBranchAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		second := w.doctor([]string{w.b.ID}, w.svc.ID)
		w.works(second, w.b.ID, "08:00", "20:00")
		w.chair(w.b.ID, "general")
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 9, 0), 0, visit.Booked, nil)
		day := w.query("2026-05-04", 1)
		w.checkOneDoctor(t, day, second.ID, "09:00")
		if got := starts(w.avail(day), "15:04"); got[0] != "09:00" || got[1] != "09:15" || got[2] != "09:30×2" {
			t.Fatalf("branch: %v", got)
		}
		w.checkOneDoctor(t, day, w.doc.ID, "09:30")
		w.checkOneDoctor(t, day, second.ID, "09:00")
		other := w.service(30, "general")
		refused := day
		refused.ServiceID, refused.DoctorID = other.ID, w.doc.ID
		if _, err := w.s.Availability(bg, refused); err != booking.ErrDoctorNotForService {
			t.Fatalf("doctor without the service: %v", err)
		}
		need(w.clinic.UpdateDoctor(bg, second.ID, clinic.DoctorPatch{ServiceIDs: &[]string{other.ID}}))(t)
		refused = day
		refused.DoctorID = second.ID
		if _, err := w.s.Availability(bg, refused); err != booking.ErrDoctorNotForService {
			t.Fatalf("doctor who stopped performing the service: %v", err)
		}
		w.checkOneDoctor(t, day, w.doc.ID, "09:30")
	})
}

// checkOneDoctor asks for doctorID alone and wants their first free time first.
func (w *availWorld) checkOneDoctor(t *testing.T, q Query, doctorID, first string) {
	t.Helper()
	q.DoctorID = doctorID
	r := w.avail(q)
	if len(r.Doctors) != 1 || r.Doctors[0].ID != doctorID {
		t.Fatalf("%s: doctors %+v", doctorID, r.Doctors)
	}
	s := r.Days[0].Slots[0]
	if s.Start.Format("15:04") != first || !slices.Equal(s.Doctors, []string{doctorID}) || s.End.Sub(s.Start) != 30*time.Minute {
		t.Fatalf("%s: first slot %+v", doctorID, s)
	}
}
