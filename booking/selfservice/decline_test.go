package selfservice_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reminders"
)

type confirmationOf struct {
	ID           string `json:"id"`
	Confirmation struct {
		State string  `json:"state"`
		At    *string `json:"at"`
		Via   *string `json:"via"`
	} `json:"confirmation"`
}

// TestDeclineShowsAndWithdrawsReminders: a visit is not asked until its question goes
// out, then unanswered; the patient's "no" shows on the visit and in the day view
// (when, by reply), and every later reminder is withdrawn with it.
func TestDeclineShowsAndWithdrawsReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		ctx := context.Background()
		admin := f.Env.As(actor.Admin)
		id := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000011")))
		state := func() string {
			t.Helper()
			var v confirmationOf
			admin.Do(http.MethodGet, "/api/v1/appointments/"+id, nil).Decode(t, &v)
			out := v.Confirmation.State
			if v.Confirmation.Via != nil {
				out += " " + *v.Confirmation.Via
			}
			if (v.Confirmation.At != nil) != (v.Confirmation.Via != nil) {
				t.Fatalf("at and via go together: %+v", v.Confirmation)
			}
			return out
		}
		if got := state(); got != "not_asked" {
			t.Fatalf("fresh visit: %s", got)
		}
		// The first reminder asks; once it went out, the visit waits for an answer.
		err := db.Exec(ctx, d.W, `UPDATE outbox SET status = 'sent', sent_at = ? WHERE appointment_id = ? AND expects_reply`, f.Env.Clock.Now().UTC(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got := state(); got != "no_answer sms" {
			t.Fatalf("asked: %s", got)
		}
		if _, err := f.Env.Self.DeclineByReply(ctx, id); err != nil {
			t.Fatal(err)
		}
		if got := state(); got != "declined reply" {
			t.Fatalf("declined: %s", got)
		}
		plans, err := f.Env.Reminders.Plans(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		withdrawn := 0
		for _, p := range plans { // the 3-day question went out; the ones after it are withdrawn
			if p.Rule != "3d" && p.Status != reminders.Cancelled {
				t.Errorf("after the decline, reminder %s is still %s", p.Rule, p.Status)
			}
			if p.Status == reminders.Cancelled {
				withdrawn++
			}
		}
		if withdrawn != 2 {
			t.Errorf("withdrew %d reminders, want the 24 h and the morning one", withdrawn)
		}
		var pending int
		if err := db.Get(ctx, d.R, &pending, `SELECT COUNT(*) FROM outbox WHERE appointment_id = ? AND status = 'pending' AND dedupe_key LIKE 'reminder:%'`, id); err != nil || pending != 0 {
			t.Errorf("%d reminders still pending (%v)", pending, err)
		}
		var day struct {
			Items []confirmationOf `json:"items"`
		}
		admin.Do(http.MethodGet, "/api/v1/appointments?branch_id="+f.Branch.ID+"&date="+f.Day.Format("2006-01-02"), nil).Decode(t, &day)
		if len(day.Items) != 1 || day.Items[0].Confirmation.State != "declined" || day.Items[0].Confirmation.At == nil {
			t.Fatalf("day view %+v", day.Items)
		}
		// Changing their mind by another reply confirms the visit: the newest answer counts.
		if err := f.Env.Self.ConfirmByReply(ctx, id); err != nil {
			t.Fatal(err)
		}
		if got := state(); got != "confirmed reply" {
			t.Fatalf("confirmed after declining: %s", got)
		}
	})
}
