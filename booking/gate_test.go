package booking_test

import (
	"context"
	"errors"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// unsigned stands in for the documents feature: nobody has signed anything.
type unsigned struct{}

func (unsigned) MaySeat(context.Context, db.Q, visit.Seating) error {
	return visit.ErrDocumentsUnsigned
}

func TestSeatingGateRefusesUnsignedPatients(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		ctx := context.Background()
		svc := booking.NewService(booking.Deps{DB: d, Dir: f.Env.Clinic, Patients: f.Env.Clinic, Schedule: f.Env.Schedules,
			Gate: unsigned{}, Audit: f.Env.Audit, Now: f.Env.Clock.Now})
		a, err := svc.Book(ctx, booking.BookRequest{ServiceID: f.Checkup.ID, DoctorID: f.Doctors[0].ID, Start: f.At(10, 0),
			Source: visit.SourceAdmin, Patient: &clinic.PatientInput{FirstName: "Ewa", LastName: "Nowak", Phone: "+48601000009"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Move(ctx, a.ID, booking.Change{Action: booking.ActionCheckIn}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Move(ctx, a.ID, booking.Change{Action: booking.ActionSeat}); !errors.Is(err, visit.ErrDocumentsUnsigned) {
			t.Fatalf("seat: got %v, want documents_unsigned", err)
		}
		got, _ := svc.Get(ctx, a.ID)
		if got.Status != visit.Arrived {
			t.Fatalf("status %s after a refused seating", got.Status)
		}
	})
}
