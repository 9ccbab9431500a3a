package dbtest

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// seedClinic makes the least a visit needs: a branch, a chair, a service, a doctor and
// a patient who can be reached by SMS.
var seedClinic = []string{
	`INSERT INTO branches (id, name, country, time_zone, locale, currency, created_at, updated_at)
		VALUES (?, 'Centrum', 'PL', 'Europe/Warsaw', 'pl', 'PLN', ?, ?)`,
	`INSERT INTO chairs (id, branch_id, name, created_at, updated_at) VALUES (?, ?, 'Chair 1', ?, ?)`,
	`INSERT INTO services (id, code, duration_minutes, price_minor, currency, created_at, updated_at)
		VALUES (?, 'checkup', 30, 10000, 'PLN', ?, ?)`,
	`INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at)
		VALUES (?, 'doctor@seed.test', 'Dr Seed', 'doctor', 'x', ?, ?)`,
	`INSERT INTO doctors (id, staff_id, display_name, created_at, updated_at) VALUES (?, ?, 'Dr Seed', ?, ?)`,
	`INSERT INTO patients (id, first_name, last_name, phone, locale, created_at, updated_at)
		VALUES (?, 'Anna', 'Nowak', '+48601000999', 'pl', ?, ?)`,
}

const (
	insertVisit = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at,
		ends_at, blocked_until, status, source, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', 'admin', ?, ?)`
	insertBooked = `INSERT INTO appointment_events (appointment_id, kind, from_status, to_status, actor_kind, at)
		VALUES (?, 'booked', '', 'booked', 'staff', ?)`
)

// SeedVisits stores n booked visits an hour apart, two days ahead, each with its
// "booked" event as booking writes it, for tests of what happens after a booking
// without the booking engine's own fixtures. It returns the visits' ids.
func SeedVisits(t testing.TB, d *db.DB, n int) []string {
	t.Helper()
	ctx, now := context.Background(), time.Now().UTC().Truncate(time.Second)
	branch, chair, service, staff, doctor, patient := uuid.NewString(), uuid.NewString(), uuid.NewString(),
		uuid.NewString(), uuid.NewString(), uuid.NewString()
	args := [][]any{{branch, now, now}, {chair, branch, now, now}, {service, now, now}, {staff, now, now},
		{doctor, staff, now, now}, {patient, now, now}}
	for i, q := range seedClinic {
		if err := db.Exec(ctx, d.W, q, args[i]...); err != nil {
			t.Fatalf("dbtest: seed %d: %v", i, err)
		}
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = uuid.NewString()
		start := now.Add(48*time.Hour + time.Duration(i)*time.Hour)
		err := db.Exec(ctx, d.W, insertVisit, ids[i], branch, patient, service, doctor, chair,
			start, start.Add(30*time.Minute), start.Add(40*time.Minute), now, now)
		if err == nil {
			err = db.Exec(ctx, d.W, insertBooked, ids[i], now)
		}
		if err != nil {
			t.Fatalf("dbtest: seed visit: %v", err)
		}
	}
	return ids
}
