package messaging

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// cancelPending withdraws an appointment's messages still waiting to go whose key starts
// with a prefix; a row already claimed by a dispatcher (sending) is past recall.
const cancelPending = `UPDATE outbox SET status = 'cancelled'
	WHERE appointment_id = ? AND status = 'pending' AND substr(dedupe_key, 1, ?) = ?`

// CancelPending cancels, on tx, the pending messages about appointmentID whose dedupe
// key starts with keyPrefix (e.g. "reminder:<appointment>:"), so a moved or cancelled
// visit's reminders never go out. It returns how many rows it cancelled.
func (s *Service) CancelPending(ctx context.Context, tx db.Tx, appointmentID, keyPrefix string) (int, error) {
	n, err := db.ExecCount(ctx, tx, cancelPending, appointmentID, len(keyPrefix), keyPrefix)
	return int(n), err
}
