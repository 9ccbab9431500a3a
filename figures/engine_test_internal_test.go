package figures

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// The stored sums add up: days into weeks and months, each period's parts into the
// whole range; a ratio is made from the sums, never averaged.
func TestDaysAddUpToWeeksAndMonths(t *testing.T) {
	eachDB(t, func(t *testing.T, e *engine) {
		// 1 late of 4 on 2 March, 2 of 2 on 9 March, 0 of 3 on 31 March, 1 of 1 on 1 April.
		e.count("2026-03-02", fact("late_rate", "a", 1, 1), fact("late_rate", "b", 0, 1), fact("late_rate", "c", 0, 1), fact("late_rate", "d", 0, 1))
		e.count("2026-03-09", fact("late_rate", "e", 1, 1), fact("late_rate", "f", 1, 1))
		e.count("2026-03-31", fact("late_rate", "g", 0, 1), fact("late_rate", "h", 0, 1), fact("late_rate", "i", 0, 1))
		e.count("2026-04-01", fact("late_rate", "j", 1, 1))
		for _, d := range []string{"2026-03-02", "2026-03-09", "2026-03-31", "2026-04-01"} {
			e.rebuild(d)
		}
		months := e.report("2026-03-01", "2026-04-30", "month", false)["late_rate"]
		wantPoint(t, months.Points[0], "2026-03", 3, 9)
		wantPoint(t, months.Points[1], "2026-04", 1, 1)
		wantPoint(t, months.Total, "total", 4, 10)
		if v := *months.Total.Value; v != 0.4 {
			t.Fatalf("value %v, want 0.4 (4/10, not a mean of ratios)", v)
		}
		weeks := e.report("2026-03-01", "2026-04-30", "week", false)["late_rate"]
		var num, den int64
		for _, p := range weeks.Points {
			num, den = num+p.Num, den+p.Den
		}
		if num != 4 || den != 10 || weeks.Points[0].Period != "2026-W09" || weeks.Points[0].From != "2026-03-01" {
			t.Fatalf("weeks add to %d/%d, first %+v", num, den, weeks.Points[0])
		}
		days := e.report("2026-03-01", "2026-03-31", "day", false)["late_rate"]
		if len(days.Points) != 31 || days.Points[1].Value == nil || days.Points[2].Value != nil {
			t.Fatalf("days: %d points, 2 March %v, 3 March %v (nothing counted is no value)", len(days.Points), days.Points[1].Value, days.Points[2].Value)
		}
	})
}

func wantPoint(t *testing.T, p Point, period string, num, den int64) {
	t.Helper()
	if p.Period != period || p.Num != num || p.Den != den {
		t.Fatalf("got %s %d/%d, want %s %d/%d", p.Period, p.Num, p.Den, period, num, den)
	}
}

// A level takes the period's newest day; a median the middle of the period's rows; a
// score is num/den x 100. Per-person parts are summed apart and only when asked.
func TestLevelsMediansScoresAndPeople(t *testing.T) {
	eachDB(t, func(t *testing.T, e *engine) {
		wait := func(id string, minutes int64, staff string) Fact {
			f := fact("wait_minutes", id, minutes, 1)
			f.StaffID, f.Subject = staff, "call"
			return f
		}
		e.count("2026-03-02", wait("c1", 5, staffA), wait("c2", 40, staffB), wait("c3", 7, staffA),
			fact("nps", "s1", 1, 1), fact("nps", "s2", 1, 1), fact("nps", "s3", -1, 1), fact("nps", "s4", 0, 1))
		e.count("2026-03-03", wait("c4", 9, staffA))
		e.setNow(time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC))
		e.level("2026-03-02", fact("items_low", "i1", 1, 1), fact("items_low", "i2", 1, 1))
		e.rebuild("2026-03-02")
		e.setNow(time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC))
		e.level("2026-03-03", fact("items_low", "i1", 1, 1))
		e.rebuild("2026-03-03")
		r := e.report("2026-03-01", "2026-03-31", "month", true)
		if v := *r["wait_minutes"].Total.Value; v != 8 || r["wait_minutes"].Total.Den != 4 {
			t.Fatalf("median %v of %d rows, want 8 of 4 (5, 7, 9, 40)", v, r["wait_minutes"].Total.Den)
		}
		if v := *r["nps"].Total.Value; v != 25 {
			t.Fatalf("NPS %v, want 25 ((2 - 1) / 4 x 100)", v)
		}
		if p := r["items_low"].Total; p.Num != 1 || *p.Value != 1 {
			t.Fatalf("level %+v, want the newest day's 1", p)
		}
		if len(r["wait_minutes"].People) != 2 || len(r["nps"].People) != 0 {
			t.Fatalf("people: %+v", r["wait_minutes"].People)
		}
		// Each person's median is of their own rows: 5, 7, 9 and 40 alone.
		for _, p := range r["wait_minutes"].People {
			want := map[string]float64{staffA: 7, staffB: 40}[p.StaffID]
			if p.Total.Value == nil || *p.Total.Value != want || p.Name != p.StaffID {
				t.Fatalf("%s (%q): median %v, want %v", p.StaffID, p.Name, p.Total.Value, want)
			}
		}
		if len(e.report("2026-03-01", "2026-03-31", "month", false)["wait_minutes"].People) != 0 {
			t.Fatal("people given without being asked")
		}
		// A morning with nothing low is a level of 0, not the morning before's 1.
		e.setNow(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC))
		e.level("2026-03-04")
		e.rebuild("2026-03-04")
		if p := e.report("2026-03-01", "2026-03-31", "month", false)["items_low"].Total; p.Num != 0 || *p.Value != 0 {
			t.Fatalf("level after an empty morning %+v, want 0", p)
		}
		if rows, err := e.s.Rows(context.Background(), "items_low", RowsQuery{BranchID: e.branch, From: "2026-03-01",
			To: "2026-03-31", Limit: 10}); err != nil || len(rows.Rows) != 0 {
			t.Fatalf("rows of an empty morning: %+v %v", rows.Rows, err)
		}
	})
}

// The morning's frozen facts are taken on the first rebuild made on the day and kept by
// every later one; a past day never gets a baseline made after it.
func TestTheMorningBaselineStaysFrozen(t *testing.T) {
	eachDB(t, func(t *testing.T, e *engine) {
		e.setNow(time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC))
		e.level("2026-03-10", fact("items_low", "i1", 1, 1), fact("items_low", "i2", 1, 1))
		e.level("2026-03-09", fact("items_low", "i1", 1, 1))
		e.rebuild("2026-03-10")
		e.rebuild("2026-03-09")
		e.level("2026-03-10", fact("items_low", "i1", 1, 1))
		e.count("2026-03-10", fact("late_rate", "a", 1, 1))
		e.setNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
		e.rebuild("2026-03-10")
		r := e.report("2026-03-09", "2026-03-10", "day", false)
		if p := r["items_low"].Points[1]; p.Num != 2 {
			t.Fatalf("baseline %d, want the morning's 2 after a later rebuild", p.Num)
		}
		if p := r["items_low"].Points[0]; p.Num != 0 {
			t.Fatalf("a past day got a baseline made later: %d", p.Num)
		}
		if p := r["late_rate"].Points[1]; p.Num != 1 {
			t.Fatalf("flows not recounted: %+v", p)
		}
	})
}

// A rebuild is whole and repeatable, the rows behind a figure are exactly those its
// value was made of, and many rebuilds of one day at once leave one consistent day.
func TestRebuildsAreWholeAndRowsAreWhatWasCounted(t *testing.T) {
	eachDB(t, func(t *testing.T, e *engine) {
		var facts []Fact
		for i := range 7 {
			f := fact("late_rate", fmt.Sprintf("v%02d", i), int64(i%2), 1)
			f.DoctorID = doctorA
			facts = append(facts, f)
		}
		e.count("2026-03-04", facts...)
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- e.s.Rebuild(context.Background(), e.branch, "2026-03-04")
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var rows int
		if err := db.Get(context.Background(), e.d.R, &rows, `SELECT COUNT(*) FROM figure_facts WHERE branch_id = ?`, e.branch); err != nil || rows != 7 {
			t.Fatalf("%d facts after 16 rebuilds, want 7 (%v)", rows, err)
		}
		var seen []string
		q := RowsQuery{BranchID: e.branch, From: "2026-03-01", To: "2026-03-31", DoctorID: doctorA, Limit: 3}
		for {
			page, err := e.s.Rows(context.Background(), "late_rate", q)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Rows {
				seen = append(seen, r.SubjectID)
			}
			if page.Next == nil {
				break
			}
			q.After = *page.Next
		}
		if fmt.Sprint(seen) != "[v00 v01 v02 v03 v04 v05 v06]" {
			t.Fatalf("rows %v", seen)
		}
		d := e.report("2026-03-04", "2026-03-04", "day", false)["late_rate"].Total
		wantPoint(t, d, "total", 3, 7)
	})
}

// A visit event marks its day stale; Refresh recounts stale days and today, and a
// reading that began before a newer one was written gives way to it.
func TestStaleDaysAreRecountedAndOlderReadingsGiveWay(t *testing.T) {
	eachDB(t, func(t *testing.T, e *engine) {
		ctx := context.Background()
		e.count("2026-03-05", fact("late_rate", "a", 1, 1))
		if err := db.Exec(ctx, e.d.W, sqlMarkDirty, e.branch, "2026-03-05", e.now); err != nil {
			t.Fatal(err)
		}
		n, err := e.s.Refresh(ctx)
		if err != nil || n != 1+1+SettleDays {
			t.Fatalf("refresh rebuilt %d days (%v), want the stale day, today and the settled week", n, err)
		}
		if n, _ := e.s.Refresh(ctx); n != 0 {
			t.Fatalf("a second refresh rebuilt %d days, want none", n)
		}
		b, _ := e.s.branch(ctx, e.branch)
		d, _ := DayOf("2026-03-05", b.Zone)
		older := e.now.Add(-time.Minute)
		err = e.d.InTx(ctx, func(tx db.Tx) error { return e.s.replaceDay(ctx, tx, b, d, older, nil, nil) })
		if err != nil {
			t.Fatal(err)
		}
		if p := e.report("2026-03-05", "2026-03-05", "day", false)["late_rate"].Total; p.Num != 1 {
			t.Fatalf("an older reading overwrote a newer one: %+v", p)
		}
	})
}

// Periods refuse what is no range; thresholds refuse what a figure cannot be and a red
// on the better side of the amber; colours follow the figure's direction.
func TestRangesThresholdsAndColours(t *testing.T) {
	for _, r := range [][3]string{{"2026-03-02", "2026-03-01", "day"}, {"2026-01-01", "2027-03-01", "day"}, {"2026-03-01", "2026-03-02", "year"}, {"x", "2026-03-02", "day"}} {
		if _, err := periodsOf(r[0], r[1], r[2]); err != ErrBadRange {
			t.Fatalf("%v: %v", r, err)
		}
	}
	late, nps := testDefinitions[0], testDefinitions[3]
	for _, c := range []struct {
		d    Definition
		t    Threshold
		bad  bool
		v    float64
		want string
	}{
		{late, Threshold{WarnAt: 0.1, BadAt: 0.2}, false, 0.15, "warn"},
		{late, Threshold{WarnAt: 0.1, BadAt: 0.2}, false, 0.05, "good"},
		{late, Threshold{WarnAt: 0.2, BadAt: 0.1}, true, 0, ""},
		{late, Threshold{WarnAt: 0.1, BadAt: 1.5}, true, 0, ""},
		{nps, Threshold{WarnAt: 30, BadAt: 0}, false, -5, "bad"},
		{nps, Threshold{WarnAt: 30, BadAt: 0}, false, 45, "good"},
		{nps, Threshold{WarnAt: 0, BadAt: 30}, true, 0, ""},
	} {
		err := checkThreshold(c.d, c.t)
		if (err != nil) != c.bad {
			t.Fatalf("%s %+v: %v", c.d.Name, c.t, err)
		}
		if !c.bad {
			if got := Colour(c.d, &c.t, &c.v); got != c.want {
				t.Fatalf("%s %v under %+v: %s, want %s", c.d.Name, c.v, c.t, got, c.want)
			}
		}
	}
}
