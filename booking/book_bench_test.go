package booking_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/pl"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// BenchmarkBookSequential books check-ups one after another through the service, on
// days filling up over the horizon: the cost of one placement (plan, overlap checks,
// insert, event and audit) without HTTP. Run it with -benchtime 1000x at most: the
// fixture's two doctors have about 1 900 bookable times.
func BenchmarkBookSequential(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchBook(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchBook(b, dbtest.NewPostgres(b)) })
	}
}

// BenchmarkBookParallel books as BenchmarkBookSequential does, from 16 goroutines at
// once: on SQLite the placements waiting for the one writer are committed together.
// Run it with -benchtime 1000x at most.
func BenchmarkBookParallel(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchBookParallel(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchBookParallel(b, dbtest.NewPostgres(b)) })
	}
}

// BenchmarkBookBurst books as BenchmarkBookParallel does from 32 goroutines per CPU,
// as the load harness's 64 clients do on two: more placements queue for SQLite's
// writer than one commit takes. Run it with -benchtime 1000x at most.
func BenchmarkBookBurst(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchBookParallelBy(b, dbtest.New(b), 32) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchBookParallelBy(b, dbtest.NewPostgres(b), 32) })
	}
}

func benchBookParallel(b *testing.B, d *db.DB) { benchBookParallelBy(b, d, 8) }

// benchBookParallelBy books from perCPU goroutines per CPU.
func benchBookParallelBy(b *testing.B, d *db.DB, perCPU int) {
	book := newBenchBooker(b, d)
	var n atomic.Int64
	b.SetParallelism(perCPU)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := book(int(n.Add(1) - 1)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func benchBook(b *testing.B, d *db.DB) {
	book := newBenchBooker(b, d)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := book(i); err != nil {
			b.Fatal(err)
		}
	}
}

// newBenchBooker sets up the fixture clinic and a patient on d and answers a function
// that books the i-th of benchSlots' times for them.
func newBenchBooker(b *testing.B, d *db.DB) func(i int) error {
	f := bookingtest.NewClinic(b, d)
	ctx := context.Background()
	p, _, err := f.Env.Clinic.CreatePatient(ctx, clinic.PatientInput{FirstName: "Ewa", LastName: "Bench", Phone: "+48601999001", BranchID: f.Branch.ID})
	if err != nil {
		b.Fatal(err)
	}
	next := benchSlots(f)
	return func(i int) error {
		doctor, start := next(i)
		_, err := f.Env.Booking.Book(ctx, booking.BookRequest{ServiceID: f.Checkup.ID, DoctorID: doctor,
			Start: start, Source: visit.SourcePhone, PatientID: p.ID})
		if err != nil {
			return fmt.Errorf("book %d at %s: %w", i, start, err)
		}
		return nil
	}
}

// benchSlots walks 45-minute steps from 08:00 to 19:15 of each day from tomorrow,
// alternating the two doctors and skipping Polish public holidays (the branch is
// closed on them), so no two bookings collide.
func benchSlots(f *bookingtest.Clinic) func(i int) (string, time.Time) {
	var c cal.Calendar
	c.AddHoliday(pl.Holidays...)
	var days []time.Time
	for day := time.Now().In(f.Loc).AddDate(0, 0, 1); len(days) < 120; day = day.AddDate(0, 0, 1) {
		if closed, _, _ := c.IsHoliday(day); !closed {
			days = append(days, day)
		}
	}
	const perDay = 16
	return func(i int) (string, time.Time) {
		doctor := f.Doctors[i%2].ID
		n := i / 2
		day := days[n/perDay]
		start := time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, f.Loc).Add(time.Duration(n%perDay) * 45 * time.Minute)
		return doctor, start
	}
}
