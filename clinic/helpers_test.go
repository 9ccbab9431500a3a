package clinic_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// testClock is a clock tests can move.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond) // every call is a new instant, so ordering by time is stable
	return c.t
}

func newService(t *testing.T, d *db.DB) *clinic.Service {
	t.Helper()
	clk := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	return clinic.NewService(d, audit.New(d, clk.now), clk.now)
}

var ctx = context.Background()

// as returns a context acting as a staff member with role at branches.
func as(role actor.Role, branches ...string) context.Context {
	return actor.With(ctx, actor.Actor{Kind: actor.Staff, StaffID: "0190aaaa-0000-7000-8000-000000000001", Role: role, BranchIDs: branches})
}

func warsaw() clinic.BranchInput {
	return clinic.BranchInput{Name: "Mokotów", Address: "ul. Puławska 1, Warszawa", Phone: "22 123 45 67",
		Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
		Hours: clinic.OpeningHours{"mon": {{Open: "08:00", Close: "20:00"}}}}
}

func mustBranch(t *testing.T, s *clinic.Service, in clinic.BranchInput) clinic.Branch {
	t.Helper()
	b, err := s.CreateBranch(ctx, in)
	if err != nil {
		t.Fatalf("create branch: %v", err)
	}
	return b
}

// wantField checks err is a validation error naming field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	fe, ok := fault.As(err)
	if !ok || fe.Kind != fault.Invalid {
		t.Fatalf("want a validation error naming %q, got %v", field, err)
	}
	for _, f := range fe.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("want a validation error naming %q, got %v", field, err)
}

// wantCode checks err is a domain error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if fe, ok := fault.As(err); !ok || fe.Code != code {
		t.Fatalf("want error %q, got %v", code, err)
	}
}

// count returns the number of rows in table.
func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.R.Get(&n, "SELECT COUNT(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}

type clinicCtx = context.Context

// insertStaff adds a staff user with role working at branches, as the staff package
// would (the clinic directory only reads that table).
func insertStaff(t *testing.T, d *db.DB, role string, branches ...string) string {
	t.Helper()
	id := uuid.NewString()
	now := time.Now().UTC()
	if err := db.Exec(ctx, d.W, `INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'x', ?, ?)`, id, id+"@x.test", "Staff "+role, role, now, now); err != nil {
		t.Fatal(err)
	}
	for _, b := range branches {
		if err := db.Exec(ctx, d.W, `INSERT INTO staff_branches (staff_id, branch_id) VALUES (?, ?)`, id, b); err != nil {
			t.Fatal(err)
		}
	}
	return id
}
