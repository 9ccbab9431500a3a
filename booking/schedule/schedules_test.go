package schedule

import (
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestWorkWindow: templates (touching intervals make one window, validity dates),
// time off, closures, extra shifts and opening hours, in the branch's zone.
func TestWorkWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newSchedWorld(t, d, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
		hours := everyDay("08:00", "20:00")
		hours["sat"] = []clinic.Interval{{Open: "09:00", Close: "13:00"}}
		b := w.branch("Europe/Warsaw", hours)
		loc := mustZone(t, "Europe/Warsaw")
		c1 := w.chair(b.ID, "general")
		doc := w.doctor([]string{b.ID})
		need(w.s.ReplaceSchedule(bg, doc.ID, []TemplateInput{
			{Weekday: 1, Start: "08:00", End: "12:00", BranchID: b.ID, ChairID: c1.ID, ValidFrom: "2026-01-01"},
			{Weekday: 1, Start: "12:00", End: "16:00", BranchID: b.ID, ValidFrom: "2026-01-01"},
			{Weekday: 3, Start: "08:00", End: "12:00", BranchID: b.ID, ValidFrom: "2026-01-01", ValidTo: "2026-05-06"},
		}))(t)
		need(w.s.AddException(bg, doc.ID, ExceptionInput{Kind: TimeOff, Start: at(loc, "2026-05-11", 10, 0), End: at(loc, "2026-05-11", 11, 0)}))(t)
		need(w.s.AddException(bg, doc.ID, ExceptionInput{Kind: ExtraShift, BranchID: b.ID, Start: at(loc, "2026-05-09", 8, 0), End: at(loc, "2026-05-09", 15, 0)}))(t)
		need(w.s.AddClosure(bg, b.ID, "2026-05-18", "holiday"))(t)

		type want struct {
			ok         bool
			chair      string
			from, till string
		}
		cases := []struct {
			date           string
			h1, m1, h2, m2 int
			want           want
		}{
			{"2026-05-04", 9, 0, 10, 0, want{true, c1.ID, "08:00", "16:00"}},
			{"2026-05-04", 11, 30, 12, 30, want{true, c1.ID, "08:00", "16:00"}},
			{"2026-05-04", 12, 30, 13, 0, want{true, "", "08:00", "16:00"}},
			{"2026-05-04", 15, 30, 16, 30, want{}},
			{"2026-05-05", 9, 0, 10, 0, want{}},
			{"2026-05-06", 9, 0, 10, 0, want{true, "", "08:00", "12:00"}},
			{"2026-05-13", 9, 0, 10, 0, want{}},
			{"2026-05-11", 9, 30, 10, 30, want{}},
			{"2026-05-11", 8, 0, 9, 0, want{true, c1.ID, "08:00", "10:00"}},
			{"2026-05-11", 11, 0, 12, 0, want{true, c1.ID, "11:00", "16:00"}},
			{"2026-05-18", 9, 0, 10, 0, want{}},
			{"2026-05-09", 9, 0, 10, 0, want{true, "", "09:00", "13:00"}},
			{"2026-05-09", 12, 30, 13, 30, want{}},
		}
		for _, c := range cases {
			win, ok, err := w.s.WorkWindow(bg, doc.ID, at(loc, c.date, c.h1, c.m1), at(loc, c.date, c.h2, c.m2))
			if err != nil {
				t.Fatal(err)
			}
			got := want{ok: ok}
			if ok {
				got = want{true, win.ChairID, win.Start.In(loc).Format("15:04"), win.End.In(loc).Format("15:04")}
				if win.BranchID != b.ID {
					t.Errorf("%s: branch %s", c.date, win.BranchID)
				}
			}
			if got != c.want {
				t.Errorf("%s %02d:%02d–%02d:%02d: got %+v, want %+v", c.date, c.h1, c.m1, c.h2, c.m2, got, c.want)
			}
		}
	})
}

// TestWorkWindowOtherBranch: a doctor at two branches in different zones is found
// at the one whose template holds the visit.
func TestWorkWindowOtherBranch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newSchedWorld(t, d, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
		warsaw := w.branch("Europe/Warsaw", everyDay("08:00", "20:00"))
		moscow := w.branch("Europe/Moscow", everyDay("08:00", "20:00"))
		doc := w.doctor([]string{warsaw.ID, moscow.ID})
		need(w.s.ReplaceSchedule(bg, doc.ID, []TemplateInput{
			{Weekday: 1, Start: "08:00", End: "12:00", BranchID: warsaw.ID, ValidFrom: "2026-01-01"},
			{Weekday: 2, Start: "08:00", End: "12:00", BranchID: moscow.ID, ValidFrom: "2026-01-01"},
		}))(t)
		msk := mustZone(t, "Europe/Moscow")
		win, ok, err := w.s.WorkWindow(bg, doc.ID, at(msk, "2026-05-05", 8, 0), at(msk, "2026-05-05", 9, 0))
		if err != nil || !ok || win.BranchID != moscow.ID || !win.End.Equal(at(msk, "2026-05-05", 12, 0)) {
			t.Fatalf("Tuesday in Moscow: %+v %v %v", win, ok, err)
		}
		// 08:00 in Moscow on Monday is 07:00 in Warsaw: before the Warsaw template.
		if _, ok, _ := w.s.WorkWindow(bg, doc.ID, at(msk, "2026-05-04", 8, 0), at(msk, "2026-05-04", 9, 0)); ok {
			t.Fatal("Monday 08:00 Moscow time should be outside the Warsaw template")
		}
	})
}

func TestRulesFor(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newSchedWorld(t, d, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
		b := w.branch("Europe/Warsaw", everyDay("08:00", "20:00"))
		svc := w.service(30, "")
		if r := need(w.s.RulesFor(bg, b.ID, svc.ID))(t); r != booking.DefaultRules() {
			t.Fatalf("defaults: %+v", r)
		}
		need(w.s.SetBranchRules(bg, b.ID, RuleMinutes{StepMinutes: 20, MinNoticeMinutes: 60, HorizonDays: 30,
			BufferMinutes: 5, ChangeWindowMinutes: 720, HoldMinutes: 7}))(t)
		need(w.s.SetServiceRules(bg, svc.ID, RuleOverrides{StepMinutes: schedPtr(30), BufferMinutes: schedPtr(0)}))(t)
		want := booking.Rules{Step: 30 * time.Minute, MinNotice: time.Hour, HorizonDays: 30, Buffer: 0,
			ChangeWindow: 12 * time.Hour, HoldTTL: 7 * time.Minute}
		if r := need(w.s.RulesFor(bg, b.ID, svc.ID))(t); r != want {
			t.Fatalf("with overrides: %+v, want %+v", r, want)
		}
		other := w.service(45, "")
		if r := need(w.s.RulesFor(bg, b.ID, other.ID))(t); r.Step != 20*time.Minute || r.Buffer != 5*time.Minute {
			t.Fatalf("another service keeps the branch's: %+v", r)
		}
	})
}
