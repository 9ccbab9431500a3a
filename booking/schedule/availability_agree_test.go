package schedule

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// variedClinic is a Warsaw branch around the autumn clock change (Sunday 2026-10-25)
// with most of what an answer meets: split opening hours, a 10-minute grid and a
// buffer, chairs with and without the capability, doctors with touching template
// pieces, a chair pinned by an extra shift, time off, a closure, a doctor travelling
// to a second branch, visits, live and lapsed holds.
func variedClinic(t *testing.T, d *db.DB) (*schedWorld, []Query) {
	w := newSchedWorld(t, d, time.Date(2026, 10, 19, 6, 3, 0, 0, time.UTC))
	hours := everyDay("08:00", "12:00")
	for _, wd := range clinic.Weekdays[:5] {
		hours[wd] = append(hours[wd], clinic.Interval{Open: "12:30", Close: "19:00"})
	}
	br, other := w.branch("Europe/Warsaw", hours), w.branch("Europe/Warsaw", everyDay("07:00", "20:00"))
	need(w.s.SetBranchRules(bg, br.ID, RuleMinutes{StepMinutes: 10, MinNoticeMinutes: 90, HorizonDays: 40,
		BufferMinutes: 5, ChangeWindowMinutes: 1440, HoldMinutes: 10}))(t)
	svc := w.service(35, "general")
	chairs := []clinic.Chair{w.chair(br.ID, "general"), w.chair(br.ID, "general", "surgery"), w.chair(br.ID, "xray")}
	far := w.chair(other.ID, "general")
	docs := []clinic.Doctor{w.doctor([]string{br.ID}, svc.ID), w.doctor([]string{br.ID, other.ID}, svc.ID),
		w.doctor([]string{br.ID}, svc.ID), w.doctor([]string{br.ID}, svc.ID)}
	w.works(docs[0], br.ID, "07:30", "18:00")
	var split []TemplateInput
	for wd := 1; wd <= 6; wd++ {
		split = append(split, TemplateInput{Weekday: wd, Start: "08:00", End: "11:00", BranchID: br.ID, ValidFrom: "2026-01-01"},
			TemplateInput{Weekday: wd, Start: "11:00", End: "15:20", BranchID: br.ID, ChairID: chairs[1].ID, ValidFrom: "2026-01-01"})
	}
	need(w.s.ReplaceSchedule(bg, docs[1].ID, split))(t)
	w.works(docs[2], br.ID, "12:00", "21:00")
	loc := mustZone(t, "Europe/Warsaw")
	need(w.s.AddException(bg, docs[0].ID, ExceptionInput{Kind: TimeOff, Start: at(loc, "2026-10-21", 10, 0), End: at(loc, "2026-10-22", 9, 5)}))(t)
	need(w.s.AddException(bg, docs[3].ID, ExceptionInput{Kind: ExtraShift, BranchID: br.ID, ChairID: chairs[0].ID,
		Start: at(loc, "2026-10-25", 1, 0), End: at(loc, "2026-10-25", 11, 0)}))(t)
	need(w.s.AddException(bg, docs[3].ID, ExceptionInput{Kind: ExtraShift, BranchID: br.ID, Start: at(loc, "2026-10-27", 14, 0), End: at(loc, "2026-10-27", 23, 0)}))(t)
	need(w.s.AddClosure(bg, br.ID, "2026-10-23", "training"))(t)
	variedVisits(w, svc, docs, chairs, far, loc)
	var qs []Query
	for _, from := range []string{"", "2026-10-19", "2026-10-22", "2026-10-23", "2026-10-24", "2026-11-20"} {
		for _, n := range []int{1, 3, 9, 31} {
			for _, doc := range []string{"", docs[1].ID, docs[3].ID} {
				qs = append(qs, Query{BranchID: br.ID, ServiceID: svc.ID, From: from, Days: n, DoctorID: doc}, Query{BranchID: br.ID,
					ServiceID: svc.ID, From: from, Days: n, DoctorID: doc, Staff: true})
			}
		}
	}
	return w, qs
}

// variedVisits books random visits and holds no two of which overlap for a doctor or
// a chair, as the database requires.
func variedVisits(w *schedWorld, svc clinic.Procedure, docs []clinic.Doctor, chairs []clinic.Chair, far clinic.Chair, loc *time.Location) {
	rng := rand.New(rand.NewPCG(7, 11))
	taken := map[string][]span{}
	free := func(id string, s span) bool {
		for _, o := range taken[id] {
			if o.from < s.to && s.from < o.to {
				return false
			}
		}
		return true
	}
	for n := 0; n < 400; n++ {
		doc := docs[rng.IntN(len(docs))]
		chair := chairs[rng.IntN(len(chairs))]
		if rng.IntN(6) == 0 {
			chair = far
		}
		start := time.Date(2026, 10, 18+rng.IntN(14), 6, 0, 0, 0, loc).Add(time.Duration(rng.IntN(16*12)) * 5 * time.Minute)
		buffer := time.Duration(rng.IntN(3)) * 5 * time.Minute
		s := span{start.Unix(), start.Add(time.Duration(svc.DurationMinutes)*time.Minute + buffer).Unix()}
		if !free(doc.ID, s) || !free(chair.ID, s) {
			continue
		}
		taken[doc.ID], taken[chair.ID] = append(taken[doc.ID], s), append(taken[chair.ID], s)
		status, until := visit.Booked, (*time.Time)(nil)
		switch rng.IntN(8) {
		case 0:
			lapse := w.now.Add(time.Duration(rng.IntN(20)-10) * time.Minute)
			status, until = visit.Held, &lapse
		case 1:
			status = visit.Confirmed
		}
		w.book(doc, chair, svc, start, buffer, status, until)
	}
}

// TestAvailabilityAgreesWithTheReference: every answer, cached or read afresh, is
// byte for byte the reference sweep's, in both shapes.
func TestAvailabilityAgreesWithTheReference(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w, qs := variedClinic(t, d)
		slots := 0
		for round := range 2 {
			for _, q := range qs {
				if round == 1 {
					w.s.store.days, w.s.caches = &busyCache{}, &scheduleCaches{}
				}
				want := need(w.s.refAvailability(bg, q))(t)
				got := need(w.s.Availability(bg, q))(t)
				wj, gj := appendFull(nil, want), appendFull(nil, got)
				if !bytes.Equal(wj, gj) {
					t.Fatalf("%+v:\n got %s\nwant %s", q, gj, wj)
				}
				for _, day := range want.Days {
					wl := need(appendLean(nil, want, day.Date))(t)
					if gl := need(appendLean(nil, got, day.Date))(t); !bytes.Equal(wl, gl) {
						t.Fatalf("%+v lean %s:\n got %s\nwant %s", q, day.Date, gl, wl)
					}
					slots += len(day.Slots)
				}
			}
		}
		if slots < 1000 {
			t.Fatalf("only %d slots in all: the clinic is too busy to tell", slots)
		}
	})
}
