package app_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// The figures reach the outbox through the app's adapter: an owner's weekly digest is
// one e-mail, keyed by branch, owner and ISO week, with the console's address in it.
func TestFiguresDigestGoesThroughTheOutbox(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		monday := time.Date(2026, 3, 9, 6, 30, 0, 0, time.UTC) // 07:30 in Warsaw
		a := app.New(app.Config{DB: d, PublicURL: "https://frontdesk.test", Now: func() time.Time { return monday },
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		b, err := a.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Country: "PL",
			TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
		if err != nil {
			t.Fatal(err)
		}
		owner, err := a.Staff.Create(ctx, staff.NewStaff{Email: "owner@clinic.test", Name: "Olga", Role: actor.Owner,
			Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, err := a.Figures.SendDigests(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var rows []struct {
			Channel string `db:"channel"`
			Body    string `db:"body"`
		}
		if err := db.Select(ctx, d.R, &rows, `SELECT channel, body FROM outbox WHERE dedupe_key = ?`,
			"figures-digest:"+b.ID+":"+owner.ID+":2026-W10"); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Channel != "email" || count(t, d, `SELECT COUNT(*) FROM outbox`) != 1 {
			t.Fatalf("outbox %+v, want the one e-mail", rows)
		}
		if link := "https://frontdesk.test/console/figures?branch=" + b.ID; !strings.Contains(rows[0].Body, link) {
			t.Fatalf("body lacks %s:\n%s", link, rows[0].Body)
		}
	})
}
