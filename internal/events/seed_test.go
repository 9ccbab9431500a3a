package events_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// seedStatements make the least a visit needs (a branch, a chair, a service, a doctor
// and the visit itself), so the tests can write events for it as booking does.
var seedStatements = []string{
	`INSERT INTO branches (id, name, country, time_zone, locale, currency, created_at, updated_at)
		VALUES (?, 'Centrum', 'PL', 'Europe/Warsaw', 'pl', 'PLN', ?, ?)`,
	`INSERT INTO chairs (id, branch_id, name, created_at, updated_at) VALUES (?, ?, 'Chair 1', ?, ?)`,
	`INSERT INTO services (id, code, duration_minutes, price_minor, currency, created_at, updated_at)
		VALUES (?, 'checkup', 30, 10000, 'PLN', ?, ?)`,
	`INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at)
		VALUES (?, 'doctor@test', 'Dr Test', 'doctor', 'x', ?, ?)`,
	`INSERT INTO doctors (id, staff_id, display_name, created_at, updated_at) VALUES (?, ?, 'Dr Test', ?, ?)`,
	`INSERT INTO appointments (id, branch_id, service_id, doctor_id, chair_id, starts_at, ends_at, blocked_until,
		status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', 'admin', ?, ?)`,
}

// seedVisit stores one visit and returns its id.
func seedVisit(t *testing.T, d *db.DB) string {
	t.Helper()
	ctx, now := context.Background(), time.Now().UTC().Truncate(time.Second)
	branch, chair, service, staff, doctor, visit := uuid.NewString(), uuid.NewString(), uuid.NewString(),
		uuid.NewString(), uuid.NewString(), uuid.NewString()
	start := now.Add(48 * time.Hour)
	args := [][]any{
		{branch, now, now}, {chair, branch, now, now}, {service, now, now}, {staff, now, now},
		{doctor, staff, now, now},
		{visit, branch, service, doctor, chair, start, start.Add(30 * time.Minute), start.Add(40 * time.Minute), now, now},
	}
	for i, q := range seedStatements {
		if err := db.Exec(ctx, d.W, q, args[i]...); err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
	}
	return visit
}

const insertEvent = `INSERT INTO appointment_events (appointment_id, kind, from_status, to_status, actor_kind, at)
	VALUES (?, ?, '', 'booked', 'staff', ?)`

// addEvents writes n events of kind for the visit, as booking's transactions do.
func addEvents(t *testing.T, d *db.DB, visitID, kind string, n int) {
	t.Helper()
	for range n {
		if err := db.Exec(context.Background(), d.W, insertEvent, visitID, kind, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
	}
}
