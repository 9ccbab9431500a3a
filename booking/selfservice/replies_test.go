package selfservice_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestRepliesConfirmOnceAndDeclineWithoutCancelling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		ctx := context.Background()
		admin := f.Env.As(actor.Admin)
		id := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")))
		for range 2 { // a patient answering twice is still one confirmation
			if err := f.Env.Self.ConfirmByReply(ctx, id); err != nil {
				t.Fatalf("confirm: %v", err)
			}
		}
		link, err := f.Env.Self.DeclineByReply(ctx, id)
		if err != nil || !strings.HasPrefix(link, apitest.PublicURL+"/v/") {
			t.Fatalf("decline: %q %v", link, err)
		}
		var status string
		var events int
		if err := d.R.Get(&status, d.R.Rebind(`SELECT status FROM appointments WHERE id = ?`), id); err != nil || status != "confirmed" {
			t.Errorf("status %s %v", status, err)
		}
		if err := d.R.Get(&events, d.R.Rebind(`SELECT COUNT(*) FROM appointment_events WHERE appointment_id = ? AND kind IN ('confirmed', 'declined_by_patient') AND actor_kind = 'patient'`), id); err != nil || events != 2 {
			t.Errorf("%d patient events %v", events, err)
		}
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments/"+id+"/cancel", map[string]any{"reason": "patient moved"}), http.StatusOK, "")
		if _, err := f.Env.Self.DeclineByReply(ctx, id); !errors.Is(err, booking.ErrInvalidTransition) {
			t.Errorf("decline of a cancelled visit: %v", err)
		}
		if err := f.Env.Self.ConfirmByReply(ctx, id); !errors.Is(err, booking.ErrInvalidTransition) {
			t.Errorf("confirm of a cancelled visit: %v", err)
		}
	})
}
