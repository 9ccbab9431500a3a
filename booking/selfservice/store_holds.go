package selfservice

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// store is the SQL of holds and their codes.
type store struct{}

// holdState is what verification and resending read of a hold.
type holdState struct {
	visit.Visit
	CodeHash *string `db:"hold_code_hash"`
	Attempts int     `db:"hold_attempts"`
	Sends    int     `db:"hold_sends"`
	Patient  *string `db:"hold_patient"`
}

const selectHold = `SELECT ` + booking.AppointmentColumns + `, hold_code_hash, hold_attempts, hold_sends, hold_patient
	FROM appointments WHERE id = ?`

// hold reads a hold; an appointment that never was a hold (no code) is not found.
func (s store) hold(ctx context.Context, q db.Q, id string) (holdState, error) {
	var h holdState
	err := db.Get(ctx, q, &h, selectHold, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && h.CodeHash == nil) {
		return holdState{}, ErrHoldNotFound
	}
	return h, err
}

// useAttempt spends one guess before the code is compared, so parallel guesses can
// never exceed the limit: the guard admits at most MaxCodeAttempts of them.
const useAttempt = `UPDATE appointments SET hold_attempts = hold_attempts + 1, updated_at = ?
	WHERE id = ? AND status = 'held' AND hold_expires_at > ? AND hold_attempts < ?
	RETURNING hold_attempts, hold_code_hash`

type attempt struct {
	Attempts int    `db:"hold_attempts"`
	CodeHash string `db:"hold_code_hash"`
}

func (s store) useAttempt(ctx context.Context, tx db.Tx, id string, now time.Time) (attempt, error) {
	var a attempt
	return a, db.Get(ctx, tx, &a, useAttempt, now, id, now, MaxCodeAttempts)
}

const releaseHold = `UPDATE appointments SET status = 'released', updated_at = ?, sequence = sequence + 1
	WHERE id = ? AND status = 'held'`

func (s store) releaseHold(ctx context.Context, tx db.Tx, id string, now time.Time) error {
	return db.ExecOne(ctx, tx, releaseHold, now, id)
}

// bookHold turns a verified hold into a visit. The guard is the whole race: a hold
// that expired (and whose time another hold may now occupy) cannot be booked, and of
// two verifications of one hold only one changes the row.
const bookHold = `UPDATE appointments SET status = 'booked', patient_id = ?, updated_at = ?, sequence = sequence + 1
	WHERE id = ? AND status = 'held' AND hold_expires_at > ?`

func (s store) bookHold(ctx context.Context, tx db.Tx, id, patientID string, now time.Time) error {
	return db.ExecOne(ctx, tx, bookHold, patientID, now, id, now)
}

// countSend records one more code sent with its new hash; the guard on the count read
// before makes two parallel resends send one code.
const countSend = `UPDATE appointments SET hold_sends = hold_sends + 1, hold_code_hash = ?, updated_at = ?
	WHERE id = ? AND status = 'held' AND hold_expires_at > ? AND hold_sends = ?`

func (s store) countSend(ctx context.Context, tx db.Tx, id, codeHash string, sendsBefore int, now time.Time) error {
	return db.ExecOne(ctx, tx, countSend, codeHash, now, id, now, sendsBefore)
}
