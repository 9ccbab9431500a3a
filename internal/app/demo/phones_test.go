package demo_test

import (
	"context"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestTheDemoPhoneLineHasAMorningOfCalls(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		if got, err := demo.Seed(context.Background(), env.DemoDeps(), "ru"); err != nil || got != demo.Added {
			t.Fatalf("seed: %v %v", got, err)
		}
		want := map[string]int{
			"SELECT COUNT(*) FROM phone_lines":                                             1,
			"SELECT COUNT(*) FROM calls WHERE disposition = 'answered'":                    3,
			"SELECT COUNT(*) FROM calls WHERE disposition = 'missed'":                      1,
			"SELECT COUNT(*) FROM calls WHERE disposition = 'short_abandon'":               1,
			"SELECT COUNT(*) FROM inbox_tasks WHERE kind = 'callback' AND status = 'open'": 1,
		}
		for q, n := range want {
			var got int
			if err := db.Get(context.Background(), d.R, &got, q); err != nil || got != n {
				t.Errorf("%s = %d (%v), want %d", q, got, err, n)
			}
		}
	})
}
