package schedule

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// benchClinic is a seeded branch: doctors working 07:00–21:00 every day, chairs, a
// 20-minute service with a 5-minute buffer, and appointments packed without overlap.
type benchClinic struct {
	doctors, chairs, appointments, horizon int
}

// BenchmarkAvailabilitySmall: 3 doctors, 4 chairs, 15 visits a day over a 60-day
// horizon, asking for a week and for 30 days.
func BenchmarkAvailabilitySmall(b *testing.B) {
	benchEach(b, benchClinic{doctors: 3, chairs: 4, appointments: 30 * 30, horizon: 60}, []int{7, 30})
}

// BenchmarkAvailabilityLarge: 30 doctors, 20 chairs, 50 000 appointments over a
// 90-day horizon, asking for a week (what the widget shows) and for 31 days (the most
// one answer gives).
func BenchmarkAvailabilityLarge(b *testing.B) {
	benchEach(b, benchClinic{doctors: 30, chairs: 20, appointments: 50000, horizon: 90}, []int{7, 31})
}

func benchEach(b *testing.B, c benchClinic, days []int) {
	run := func(b *testing.B, d *db.DB) {
		w, q := c.seed(b, d)
		for _, n := range days {
			q.Days = n
			b.Run(fmt.Sprintf("days=%d", n), func(b *testing.B) { benchAvailability(b, w, q, false) })
			// The baseline: every answer reads everything from the database, as before the
			// caches (and as the first answer after a change still does for what changed).
			// -short leaves it out, for comparing warm answers run after run.
			if testing.Short() {
				continue
			}
			b.Run(fmt.Sprintf("days=%d/uncached", n), func(b *testing.B) { benchAvailability(b, w, q, true) })
		}
	}
	b.Run("sqlite", func(b *testing.B) { run(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { run(b, dbtest.NewPostgres(b)) })
	}
}

// benchAvailability times each answer and reports the median and the 95th percentile;
// uncached drops the caches before each.
func benchAvailability(b *testing.B, w *schedWorld, q Query, uncached bool) {
	var took []time.Duration
	slots := 0
	for b.Loop() {
		if uncached {
			w.s.store.days, w.s.caches = &busyCache{}, &scheduleCaches{}
		}
		t0 := time.Now()
		r, err := w.s.Availability(bg, q)
		took = append(took, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		slots = 0 // counted, not listed: formatting every slot made garbage the answers then paid for
		for _, d := range r.Days {
			slots += len(d.Slots)
		}
	}
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(slots), "slots")
}

// seed builds the clinic and returns the query to time (from Monday 2026-05-04).
func (c benchClinic) seed(b *testing.B, d *db.DB) (*schedWorld, Query) {
	w := newSchedWorld(b, d, time.Date(2026, 5, 1, 5, 0, 0, 0, time.UTC))
	br := w.branch("Europe/Warsaw", everyDay("07:00", "21:00"))
	svc := w.service(20, "general")
	need(w.s.SetBranchRules(bg, br.ID, RuleMinutes{StepMinutes: 15, MinNoticeMinutes: 120, HorizonDays: c.horizon,
		BufferMinutes: 5, ChangeWindowMinutes: 1440, HoldMinutes: 10}))(b)
	chairs := make([]clinic.Chair, c.chairs)
	for i := range chairs {
		chairs[i] = w.chair(br.ID, "general")
	}
	docs := make([]clinic.Doctor, c.doctors)
	for i := range docs {
		docs[i] = w.doctor([]string{br.ID}, svc.ID)
		w.works(docs[i], br.ID, "07:00", "21:00")
	}
	c.seedAppointments(b, w, br, svc, docs, chairs)
	return w, Query{BranchID: br.ID, ServiceID: svc.ID, From: "2026-05-04"}
}

const benchInsert = `INSERT INTO appointments (id, branch_id, service_id, doctor_id, chair_id, starts_at, ends_at,
	blocked_until, status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', 'admin', ?, ?)`

// seedAppointments packs visits into 25-minute blocks from 07:00, chair by chair;
// in block j chair k goes to doctor (j+k) mod doctors, so no doctor or chair overlaps
// (only as many chairs as doctors are used).
// Every day of the horizon gets its share, in one transaction.
func (c benchClinic) seedAppointments(b *testing.B, w *schedWorld, br clinic.Branch, svc clinic.Procedure, docs []clinic.Doctor, chairs []clinic.Chair) {
	loc := mustZone(b, br.TimeZone)
	perDay := (c.appointments + c.horizon - 1) / c.horizon
	left, width := c.appointments, min(len(chairs), len(docs))
	err := w.d.InTx(bg, func(tx db.Tx) error {
		stmt, err := tx.Preparex(tx.Rebind(benchInsert))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for day := 0; day < c.horizon && left > 0; day++ {
			open := time.Date(2026, 5, 1+day, 7, 0, 0, 0, loc)
			for n := 0; n < perDay && left > 0; n, left = n+1, left-1 {
				j, k := n/width, n%width
				start := open.Add(time.Duration(j) * 25 * time.Minute).UTC()
				_, err := stmt.Exec(uuid.NewString(), br.ID, svc.ID, docs[(j+k)%len(docs)].ID, chairs[k].ID, start,
					start.Add(20*time.Minute), start.Add(25*time.Minute), w.now, w.now)
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
}
