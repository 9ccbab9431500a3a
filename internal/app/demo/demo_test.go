package demo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

func deps(d *db.DB) demo.Deps {
	log := audit.New(d, time.Now)
	return demo.Deps{DB: d, Staff: staff.NewService(d, log, time.Now, staff.Options{}),
		Clinic: clinic.NewService(d, log, time.Now)}
}

var tables = []string{"branches", "chairs", "services", "staff", "staff_branches", "doctors",
	"doctor_services", "patients"}

func counts(t *testing.T, d *db.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range tables {
		var n int
		if err := db.Get(context.Background(), d.R, &n, "SELECT COUNT(*) FROM "+table); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestSeedTwiceAddsNothingTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		got, err := demo.Seed(ctx, deps(d), "pl")
		if err != nil || got != demo.Added {
			t.Fatalf("first seed: %v %v", got, err)
		}
		first := counts(t, d)
		want := map[string]int{"branches": 1, "chairs": 4, "services": 10, "staff": 6, "staff_branches": 6,
			"doctors": 3, "doctor_services": 15, "patients": 40}
		if diff := cmp.Diff(want, first); diff != "" {
			t.Errorf("rows after the first seed (-want +got):\n%s", diff)
		}
		got, err = demo.Seed(ctx, deps(d), "sv")
		if err != nil || got != demo.AlreadyThere {
			t.Fatalf("second seed: %v %v", got, err)
		}
		if diff := cmp.Diff(first, counts(t, d)); diff != "" {
			t.Errorf("the second seed changed rows (-first +second):\n%s", diff)
		}
	})
}

func TestDemoLoginsSignIn(t *testing.T) {
	d := dbtest.New(t)
	dd := deps(d)
	if _, err := demo.Seed(context.Background(), dd, "pl"); err != nil {
		t.Fatal(err)
	}
	for _, l := range demo.Logins {
		s, err := dd.Staff.Login(context.Background(), l.Email, demo.Password, "127.0.0.1")
		if err != nil || s.Staff.Role != l.Role || len(s.Staff.BranchIDs) != 1 {
			t.Errorf("%s: %+v %v", l.Email, s.Staff, err)
		}
	}
}

// TestEveryLocaleSeeds runs each country set through the services' own rules (phone
// numbers valid for the country, time zones, currencies, opening hours).
func TestEveryLocaleSeeds(t *testing.T) {
	for _, locale := range demo.Locales {
		t.Run(locale, func(t *testing.T) {
			d := dbtest.New(t)
			if _, err := demo.Seed(context.Background(), deps(d), locale); err != nil {
				t.Fatal(err)
			}
			var b struct {
				Locale   string `db:"locale"`
				TimeZone string `db:"time_zone"`
			}
			if err := db.Get(context.Background(), d.R, &b, "SELECT locale, time_zone FROM branches"); err != nil {
				t.Fatal(err)
			}
			if b.Locale != locale {
				t.Errorf("branch locale %q, want %q", b.Locale, locale)
			}
		})
	}
}

func TestSeedRefusesADatabaseWithOtherData(t *testing.T) {
	d := dbtest.New(t)
	dd := deps(d)
	_, err := dd.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Real clinic",
		Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(context.Background(), dd, "pl"); !errors.Is(err, demo.ErrNotEmpty) {
		t.Fatalf("seed into a real clinic: %v, want ErrNotEmpty", err)
	}
	if n := counts(t, d)["branches"]; n != 1 {
		t.Errorf("branches: %d, want the clinic's own 1", n)
	}
}

func TestSeedRejectsUnknownLocale(t *testing.T) {
	if _, err := demo.Seed(context.Background(), deps(dbtest.New(t)), "de"); !errors.Is(err, demo.ErrLocale) {
		t.Fatalf("locale de: %v, want ErrLocale", err)
	}
}
