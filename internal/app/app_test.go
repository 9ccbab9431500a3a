package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestTwoInstancesDeliverEachEventOncePerSubscriber runs two instances' River jobs over
// one database, as two servers behind a load balancer do: every booked visit's event
// reaches each subscriber once, and its patient gets one questionnaire link.
func TestTwoInstancesDeliverEachEventOncePerSubscriber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		visits := dbtest.SeedVisits(t, d, 20)
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		for range 2 {
			a := app.New(app.Config{DB: d, PublicURL: "https://frontdesk.test", Log: quiet,
				Every: app.Intervals{Events: 100 * time.Millisecond}})
			r, err := a.StartJobs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(r.Stop)
		}
		waitDelivered(t, d)
		for _, c := range []struct{ what, query string }{
			{"waitlist deliveries", `SELECT COUNT(*) FROM event_deliveries WHERE subscriber = 'waitlist'`},
			{"questionnaire deliveries", `SELECT COUNT(*) FROM event_deliveries WHERE subscriber = 'questionnaire'`},
			{"questionnaire messages", `SELECT COUNT(*) FROM outbox WHERE template = 'questionnaire_link'`},
			{"questionnaire links", `SELECT COUNT(*) FROM patient_links WHERE purpose = 'questionnaire'`},
		} {
			if n := count(t, d, c.query); n != len(visits) {
				t.Errorf("%s: %d, want %d", c.what, n, len(visits))
			}
		}
	})
}

func waitDelivered(t *testing.T, d *db.DB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for count(t, d, `SELECT COUNT(*) FROM appointment_events WHERE delivered_at IS NULL`) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("events still undelivered after 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func count(t *testing.T, d *db.DB, query string) int {
	t.Helper()
	var n int
	if err := db.Get(context.Background(), d.R, &n, query); err != nil {
		t.Fatal(err)
	}
	return n
}
