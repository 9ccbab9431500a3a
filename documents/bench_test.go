package documents_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// eachDB runs a benchmark on SQLite and, when configured, on PostgreSQL.
func eachDB(b *testing.B, body func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { body(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { body(b, dbtest.NewPostgres(b)) })
	}
}

// BenchmarkPackReused is one visit's pack (extraction: five documents) printed again:
// the documents are current, so the work is reading the visit, filling the templates
// to compare hashes and typesetting the pack.
func BenchmarkPackReused(b *testing.B) {
	eachDB(b, func(b *testing.B, d *db.DB) {
		f := newFixture(b, d)
		a := f.book(f.extraction, 10, 0, "Zażółć", "Gęślą")
		ctx := context.Background()
		if err := f.env.Documents.Pack(ctx, io.Discard, a.ID); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if err := f.env.Documents.Pack(ctx, io.Discard, a.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPackAfterNameChange is the pack printed after the patient's name changed:
// every document is voided and made again (each typeset alone for its stored PDF),
// then the pack is typeset.
func BenchmarkPackAfterNameChange(b *testing.B) {
	eachDB(b, func(b *testing.B, d *db.DB) {
		f := newFixture(b, d)
		a := f.book(f.extraction, 10, 0, "Zażółć", "Gęślą")
		ctx := context.Background()
		if err := f.env.Documents.Pack(ctx, io.Discard, a.ID); err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			name := fmt.Sprintf("Gęślą-%d", i)
			if _, err := f.env.Clinic.UpdatePatient(ctx, *a.PatientID, clinic.PatientPatch{LastName: &name}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := f.env.Documents.Pack(ctx, io.Discard, a.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDayPacks40 is a branch's day of 40 visits printed as one PDF, documents
// already made (the day before's "print tomorrow" run made them).
func BenchmarkDayPacks40(b *testing.B) {
	eachDB(b, func(b *testing.B, d *db.DB) {
		f := newFixture(b, d)
		f.fillDay(40)
		ctx := context.Background()
		date := f.day.Format("2006-01-02")
		if err := f.env.Documents.DayPacks(ctx, io.Discard, f.branch.ID, date); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if err := f.env.Documents.DayPacks(ctx, io.Discard, f.branch.ID, date); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// fillDay books n visits on the fixture's day over as many extra doctors and chairs
// as they need, alternating check-ups and extractions.
func (f *fixture) fillDay(n int) {
	ctx := context.Background()
	doctors := []clinic.Doctor{f.doctor}
	for i := 1; i < 5; i++ {
		must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: fmt.Sprintf("Chair %d", i+1),
			Capabilities: []string{"general"}}))(f.t)
		doctors = append(doctors, f.extraDoctor(ctx, i))
	}
	for i := range n {
		service := f.checkup
		if i%2 == 1 {
			service = f.extraction
		}
		start := f.at(7, 0).Add(time.Duration(i/5) * 90 * time.Minute)
		_, err := f.env.Booking.Book(ctx, booking.BookRequest{ServiceID: service.ID, DoctorID: doctors[i%5].ID, Start: start,
			Source: visit.SourceAdmin, Patient: &clinic.PatientInput{FirstName: "Pacjent", LastName: fmt.Sprintf("Numer %d", i),
				Phone: fmt.Sprintf("+4860200%04d", i), BirthDate: "1990-01-01", Locale: "pl"}})
		if err != nil {
			f.t.Fatalf("book %d: %v", i, err)
		}
	}
}
