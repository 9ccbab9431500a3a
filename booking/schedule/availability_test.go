package schedule

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// availWorld is a Warsaw branch open 09:00–17:00 with one general chair, a 30-minute
// check-up and a doctor working 08:00–20:00 every day; the clock is Friday 2026-05-01.
type availWorld struct {
	*schedWorld
	b      clinic.Branch
	loc    *time.Location
	chair1 clinic.Chair
	svc    clinic.Procedure
	doc    clinic.Doctor
}

func newAvailWorld(t *testing.T, d *db.DB) *availWorld {
	w := &availWorld{schedWorld: newSchedWorld(t, d, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))}
	w.b = w.branch("Europe/Warsaw", everyDay("09:00", "17:00"))
	w.loc = mustZone(t, "Europe/Warsaw")
	w.chair1 = w.chair(w.b.ID, "general")
	w.svc = w.service(30, "general")
	w.doc = w.doctor([]string{w.b.ID}, w.svc.ID)
	w.works(w.doc, w.b.ID, "08:00", "20:00")
	return w
}

func (w *availWorld) query(from string, days int) Query {
	return Query{BranchID: w.b.ID, ServiceID: w.svc.ID, From: from, Days: days}
}

// quarterHours lists "15:04" times every 15 minutes from first to last inclusive.
func quarterHours(first, last string) []string {
	a, _ := time.Parse("15:04", first)
	b, _ := time.Parse("15:04", last)
	var out []string
	for t := a; !t.After(b); t = t.Add(15 * time.Minute) {
		out = append(out, t.Format("15:04"))
	}
	return out
}

func wantStarts(t *testing.T, got []string, want ...[]string) {
	t.Helper()
	all := slices.Concat(want...)
	if !slices.Equal(got, all) {
		t.Fatalf("slots:\n got %v\nwant %v", got, all)
	}
}

func TestAvailabilityInsideOpeningHours(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		r := w.avail(w.query("2026-05-04", 1))
		wantStarts(t, starts(r, "15:04"), quarterHours("09:00", "16:30"))
		s := r.Days[0].Slots[0]
		if s.End.Sub(s.Start) != 30*time.Minute || s.Start.Format(time.RFC3339) != "2026-05-04T09:00:00+02:00" ||
			!slices.Equal(s.Doctors, []string{w.doc.ID}) || r.Days[0].Date != "2026-05-04" || r.NextAvailable != nil {
			t.Fatalf("first slot %+v of %+v", s, r)
		}
		if r.TimeZone != "Europe/Warsaw" || len(r.Doctors) != 1 || r.Doctors[0].ID != w.doc.ID {
			t.Fatalf("result %+v", r)
		}
	})
}

func TestAvailabilityExceptionsAndClosures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		var weekdays []TemplateInput
		for wd := 1; wd <= 6; wd++ {
			weekdays = append(weekdays, TemplateInput{Weekday: wd, Start: "08:00", End: "20:00", BranchID: w.b.ID, ValidFrom: "2026-01-01"})
		}
		need(w.s.ReplaceSchedule(bg, w.doc.ID, weekdays))(t)
		need(w.s.AddException(bg, w.doc.ID, ExceptionInput{Kind: TimeOff, Start: at(w.loc, "2026-05-04", 10, 0), End: at(w.loc, "2026-05-04", 12, 0)}))(t)
		need(w.s.AddClosure(bg, w.b.ID, "2026-05-05", "holiday"))(t)
		// Sunday has no template; an extra shift 10:00–12:00 makes it a working day.
		need(w.s.AddException(bg, w.doc.ID, ExceptionInput{Kind: ExtraShift, BranchID: w.b.ID, Start: at(w.loc, "2026-05-10", 10, 0), End: at(w.loc, "2026-05-10", 12, 0)}))(t)
		r := w.avail(w.query("2026-05-04", 7))
		byDay := map[string]int{}
		for _, d := range r.Days {
			byDay[d.Date] = len(d.Slots)
		}
		if len(r.Days) != 7 || byDay["2026-05-05"] != 0 || byDay["2026-05-06"] != 31 || byDay["2026-05-10"] != 7 {
			t.Fatalf("slots per day %v", byDay)
		}
		var monday []string
		for _, s := range r.Days[0].Slots {
			monday = append(monday, s.Start.Format("15:04"))
		}
		wantStarts(t, monday, quarterHours("09:00", "09:30"), quarterHours("12:00", "16:30"))
		sunday := r.Days[6].Slots
		if sunday[0].Start.Format("15:04") != "10:00" || sunday[len(sunday)-1].Start.Format("15:04") != "11:30" {
			t.Fatalf("Sunday %v", sunday)
		}
	})
}

func TestAvailabilityNeedsAChairWithTheCapability(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		surgery := w.service(60, "surgery")
		need(w.clinic.UpdateDoctor(bg, w.doc.ID, clinic.DoctorPatch{ServiceIDs: &[]string{w.svc.ID, surgery.ID}}))(t)
		q := Query{BranchID: w.b.ID, ServiceID: surgery.ID, From: "2026-05-04", Days: 3}
		if r := w.avail(q); len(starts(r, "15:04")) != 0 || r.NextAvailable != nil {
			t.Fatalf("no surgery chair, yet %v / %v", starts(r, "15:04"), r.NextAvailable)
		}
		w.chair(w.b.ID, "general", "surgery")
		r := w.avail(q)
		if got := starts(r, "15:04"); len(got) != 3*29 || got[0] != "09:00" || got[28] != "16:00" {
			t.Fatalf("with a surgery chair: %v", got)
		}
	})
}

func TestAvailabilityBusyDoctorAndChairWithBuffer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		other := w.doctor([]string{w.b.ID}, w.svc.ID)
		w.works(other, w.b.ID, "08:00", "20:00")
		// The doctor's 10:00–10:30 visit blocks them and the only chair until 10:40.
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 10, 0), 10*time.Minute, visit.Booked, nil)
		r := w.avail(w.query("2026-05-04", 1))
		got := starts(r, "15:04")
		wantStarts(t, got[:6], []string{"09:00×2", "09:15×2", "10:45×2", "11:00×2", "11:15×2", "11:30×2"})
		// With a second chair the other doctor is free at once; the first still is not.
		w.chair(w.b.ID, "general")
		got = starts(w.avail(w.query("2026-05-04", 1)), "15:04")
		wantStarts(t, got[:9], []string{"09:00×2", "09:15×2", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45×2", "11:00×2"})
		q := w.query("2026-05-04", 1)
		q.DoctorID = w.doc.ID
		if got := starts(w.avail(q), "15:04"); got[1] != "09:15" || got[2] != "10:45" {
			t.Fatalf("only the busy doctor: %v", got)
		}
	})
}

func TestAvailabilityHolds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		expired, live := w.now.Add(-time.Minute), w.now.Add(5*time.Minute)
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 9, 0), 0, visit.Held, &expired)
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 11, 0), 0, visit.Held, &live)
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 13, 0), 0, visit.Cancelled, nil)
		w.book(w.doc, w.chair1, w.svc, at(w.loc, "2026-05-04", 15, 0), 0, visit.Released, nil)
		got := starts(w.avail(w.query("2026-05-04", 1)), "15:04")
		if !slices.Contains(got, "09:00") || slices.Contains(got, "11:00") || !slices.Contains(got, "13:00") ||
			!slices.Contains(got, "15:00") || !slices.Contains(got, "11:45") || slices.Contains(got, "10:45") {
			t.Fatalf("holds: %v", got)
		}
	})
}

func TestAvailabilityNoticeHorizonAndGrid(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		w.now = at(w.loc, "2026-05-04", 10, 7)
		got := starts(w.avail(w.query("2026-05-04", 1)), "15:04")
		if got[0] != "12:15" {
			t.Fatalf("2 h notice from 10:07: first slot %v", got)
		}
		staff := w.query("2026-05-04", 1)
		staff.Staff = true
		if got := starts(w.avail(staff), "15:04"); got[0] != "10:15" {
			t.Fatalf("staff see from now: %v", got)
		}
		need(w.s.SetBranchRules(bg, w.b.ID, RuleMinutes{StepMinutes: 15, MinNoticeMinutes: 120, HorizonDays: 3,
			BufferMinutes: 10, ChangeWindowMinutes: 1440, HoldMinutes: 10}))(t)
		need(w.s.SetServiceRules(bg, w.svc.ID, RuleOverrides{StepMinutes: schedPtr(20)}))(t)
		r := w.avail(w.query("2026-05-04", 7))
		perDay := make([]int, len(r.Days))
		for i, d := range r.Days {
			perDay[i] = len(d.Slots)
		}
		if !slices.Equal(perDay, []int{13, 23, 23, 23, 0, 0, 0}) {
			t.Fatalf("horizon of 3 days, 20-minute grid: slots per day %v", perDay)
		}
		if got := starts(r, "15:04"); got[0] != "12:20" || got[1] != "12:40" || got[2] != "13:00" {
			t.Fatalf("20-minute grid: %v", got[:3])
		}
	})
}

func TestAvailabilityNextAvailable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		for _, day := range []string{"2026-05-04", "2026-05-05", "2026-05-06"} {
			need(w.s.AddClosure(bg, w.b.ID, day, "renovation"))(t)
		}
		r := w.avail(w.query("2026-05-04", 2))
		if len(starts(r, "15:04")) != 0 || r.NextAvailable == nil ||
			r.NextAvailable.Start.Format(time.RFC3339) != "2026-05-07T09:00:00+02:00" {
			t.Fatalf("next available: %+v", r.NextAvailable)
		}
		// Beyond the horizon (60 days) nothing is offered, and nothing comes next.
		r = w.avail(w.query("2026-07-10", 3))
		if len(starts(r, "15:04")) != 0 || r.NextAvailable != nil {
			t.Fatalf("beyond the horizon: %v %+v", starts(r, "15:04"), r.NextAvailable)
		}
	})
}

func TestAvailabilityBadQueries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newAvailWorld(t, d)
		cases := map[string]Query{
			"days":       {BranchID: w.b.ID, ServiceID: w.svc.ID, Days: 32},
			"from":       {BranchID: w.b.ID, ServiceID: w.svc.ID, Days: 1, From: "2026-02-30"},
			"branch_id":  {BranchID: "urn:uuid:" + w.b.ID, ServiceID: w.svc.ID, Days: 1},
			"doctor_id":  {BranchID: w.b.ID, ServiceID: w.svc.ID, Days: 1, DoctorID: "x"},
			"service_id": {BranchID: w.b.ID, Days: 1},
		}
		for field, q := range cases {
			_, err := w.s.Availability(bg, q)
			if err == nil || !strings.Contains(err.Error(), field) {
				t.Errorf("%s: %v", field, err)
			}
		}
		other := w.service(30, "general")
		q := w.query("2026-05-04", 1)
		q.ServiceID, q.DoctorID = other.ID, w.doc.ID
		if _, err := w.s.Availability(bg, q); err != booking.ErrDoctorNotForService {
			t.Errorf("doctor without the service: %v", err)
		}
		q = w.query("2026-05-04", 1)
		q.BranchID = "0190aaaa-0000-7000-8000-00000000ffff"
		if _, err := w.s.Availability(bg, q); err != clinic.ErrBranchNotFound {
			t.Errorf("unknown branch: %v", err)
		}
	})
}
