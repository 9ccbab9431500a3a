package telephony

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const callColumns = `id, branch_id, line_id, provider, provider_call_id, direction, from_number, to_number, extension,
	answered_by, ring_at, answer_at, end_at, disposition, recording`

const selectCallByProvider = `SELECT ` + callColumns + ` FROM calls WHERE provider = ? AND provider_call_id = ?`

func (s store) callByProvider(ctx context.Context, q db.Q, provider, callID string) (Call, error) {
	var c Call
	return c, db.Get(ctx, q, &c, selectCallByProvider, provider, callID)
}

const insertCall = `INSERT INTO calls (` + callColumns + `) VALUES
	(:id, :branch_id, :line_id, :provider, :provider_call_id, :direction, :from_number, :to_number, :extension,
	:answered_by, :ring_at, :answer_at, :end_at, :disposition, :recording)`

const updateCall = `UPDATE calls SET direction = :direction, from_number = :from_number, to_number = :to_number,
	extension = :extension, answered_by = :answered_by, ring_at = :ring_at, answer_at = :answer_at, end_at = :end_at,
	disposition = :disposition, recording = :recording WHERE id = :id`

func (s store) saveCall(ctx context.Context, tx db.Tx, c Call, isNew bool) error {
	query := updateCall
	if isNew {
		query = insertCall
	}
	q, args, err := tx.BindNamed(query, c)
	if err != nil {
		return err
	}
	return db.Exec(ctx, tx, q, args...)
}

// selectLive are the calls of a branch still ringing or talking; a call whose end the
// phone system never reported leaves the list after staleAfter.
const selectLive = `SELECT ` + callColumns + ` FROM calls WHERE branch_id = ? AND end_at IS NULL AND ring_at > ?
	ORDER BY ring_at, id`

func (s store) live(ctx context.Context, branchID string, since time.Time) ([]Call, error) {
	out := []Call{}
	return out, db.Select(ctx, s.db.R, &out, selectLive, branchID, since)
}

// selectLog is one page of a branch's calls in a period, newest first, with a
// (ring_at, id) keyset cursor.
const selectLog = `SELECT ` + callColumns + ` FROM calls WHERE branch_id = ? AND ring_at >= ? AND ring_at < ?
	AND (ring_at < ? OR (ring_at = ? AND id < ?)) ORDER BY ring_at DESC, id DESC LIMIT ?`

func (s store) log(ctx context.Context, f CallFilter, curAt time.Time, curID string) ([]Call, error) {
	out := []Call{}
	return out, db.Select(ctx, s.db.R, &out, selectLog, f.BranchID, f.From, f.To, curAt, curAt, curID, f.Limit+1)
}

const selectCallsBetween = `SELECT ` + callColumns + ` FROM calls WHERE branch_id = ? AND ring_at >= ? AND ring_at < ?`

func (s store) callsBetween(ctx context.Context, branchID string, from, to time.Time) ([]Call, error) {
	var out []Call
	return out, db.Select(ctx, s.db.R, &out, selectCallsBetween, branchID, from, to)
}

// callback is the return call a missed call is owed.
type callback struct {
	CallID        string     `db:"call_id"`
	BranchID      string     `db:"branch_id"`
	Number        string     `db:"number"`
	TaskID        string     `db:"task_id"`
	MissedAt      time.Time  `db:"missed_at"`
	DueAt         time.Time  `db:"due_at"`
	ClosedAt      *time.Time `db:"closed_at"`
	Resolution    *string    `db:"resolution"`
	ClosingCallID *string    `db:"closing_call_id"`
	// TaskDoneAt is when the desk closed the task by hand, if it did.
	TaskDoneAt *time.Time `db:"task_done_at"`
}

const callbackColumns = `c.call_id, c.branch_id, c.number, c.task_id, c.missed_at, c.due_at, c.closed_at, c.resolution,
	c.closing_call_id, t.done_at AS task_done_at`

// selectOpenCallback is the number's callback still owed at the branch: neither
// settled by a call nor closed by the desk.
const selectOpenCallback = `SELECT ` + callbackColumns + ` FROM call_callbacks c JOIN inbox_tasks t ON t.id = c.task_id
	WHERE c.number = ? AND c.branch_id = ? AND c.closed_at IS NULL AND t.status = 'open'
	ORDER BY c.missed_at LIMIT 1`

func (s store) openCallback(ctx context.Context, q db.Q, branchID, number string) (callback, error) {
	var cb callback
	return cb, db.Get(ctx, q, &cb, selectOpenCallback, number, branchID)
}

// selectOpenCallbackOf is the callback a call's own miss opened, while still owed.
const selectOpenCallbackOf = `SELECT ` + callbackColumns + ` FROM call_callbacks c JOIN inbox_tasks t ON t.id = c.task_id
	WHERE c.call_id = ? AND c.closed_at IS NULL AND t.status = 'open'`

func (s store) openCallbackOf(ctx context.Context, q db.Q, callID string) (callback, error) {
	var cb callback
	return cb, db.Get(ctx, q, &cb, selectOpenCallbackOf, callID)
}

const insertCallback = `INSERT INTO call_callbacks (call_id, branch_id, number, task_id, missed_at, due_at)
	VALUES (?, ?, ?, ?, ?, ?)`

func (s store) insertCallback(ctx context.Context, q db.Q, cb callback) error {
	return db.Exec(ctx, q, insertCallback, cb.CallID, cb.BranchID, cb.Number, cb.TaskID, cb.MissedAt, cb.DueAt)
}

const closeCallback = `UPDATE call_callbacks SET closed_at = ?, resolution = ?, closing_call_id = ?
	WHERE call_id = ? AND closed_at IS NULL`

func (s store) closeCallback(ctx context.Context, q db.Q, callID, how, closingCallID string, at time.Time) error {
	return db.ExecOne(ctx, q, closeCallback, at, how, closingCallID, callID)
}

const selectCallbacksBetween = `SELECT ` + callbackColumns + ` FROM call_callbacks c JOIN inbox_tasks t ON t.id = c.task_id
	WHERE c.branch_id = ? AND c.missed_at >= ? AND c.missed_at < ?`

func (s store) callbacksBetween(ctx context.Context, branchID string, from, to time.Time) ([]callback, error) {
	var out []callback
	return out, db.Select(ctx, s.db.R, &out, selectCallbacksBetween, branchID, from, to)
}

const selectCall = `SELECT ` + callColumns + ` FROM calls WHERE id = ?`

func (s store) call(ctx context.Context, id string) (Call, error) {
	var c Call
	return c, db.Get(ctx, s.db.R, &c, selectCall, id)
}

// RawEvent is one provider event of a call as it arrived, for tracing a PBX's
// integration: the request body verbatim and what Frontdesk read from it.
type RawEvent struct {
	ReceivedAt  time.Time  `db:"received_at" json:"received_at"`
	Event       string     `db:"event" json:"event"`
	Seq         int64      `db:"seq" json:"seq"`
	Signal      string     `db:"signal" json:"-"`
	Raw         string     `db:"raw" json:"raw"`
	ProcessedAt *time.Time `db:"processed_at" json:"processed_at"`
}

const selectCallEvents = `SELECT received_at, event, seq, signal, raw, processed_at FROM call_signals
	WHERE provider = ? AND call_id = ? ORDER BY received_at, seq, id`

func (s store) callEvents(ctx context.Context, c Call) ([]RawEvent, error) {
	out := []RawEvent{}
	return out, db.Select(ctx, s.db.R, &out, selectCallEvents, c.Provider, c.ProviderCallID)
}
