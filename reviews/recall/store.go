package recall

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// minID starts a keyset before every id: the UUID columns of PostgreSQL refuse "".
const minID = "00000000-0000-0000-0000-000000000000"

// orMin is the cursor's id, or minID at the start.
func orMin(id string) string {
	if id == "" {
		return minID
	}
	return id
}

// store is recall's SQL: whole statements, portable `?` placeholders.
type store struct{ db *db.DB }

const selectRuleMonths = `SELECT months FROM recall_rules WHERE service_id = ?`

const selectRules = `SELECT service_id, months FROM recall_rules`

const upsertRule = `INSERT INTO recall_rules (service_id, months, updated_by, updated_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (service_id) DO UPDATE SET months = excluded.months, updated_by = excluded.updated_by,
	updated_at = excluded.updated_at`

// upsertRecall sets a patient's recall for a service from a completed visit. Only a
// visit that started later than the one the row came from moves it, so a redelivered
// or older completion changes nothing; a moved recall is due (to be sent) again.
const upsertRecall = `INSERT INTO recalls (id, patient_id, service_id, branch_id, due_on, last_visit_at,
	from_appointment_id, status, messaged_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'due', NULL, ?, ?)
	ON CONFLICT (patient_id, service_id) DO UPDATE SET branch_id = excluded.branch_id, due_on = excluded.due_on,
	last_visit_at = excluded.last_visit_at, from_appointment_id = excluded.from_appointment_id, status = 'due',
	messaged_at = NULL, updated_at = excluded.updated_at
	WHERE recalls.last_visit_at < excluded.last_visit_at`

const recallColumns = `r.id, r.patient_id, r.service_id, r.branch_id, r.due_on, r.last_visit_at, r.from_appointment_id,
	r.status, r.messaged_at, p.first_name, p.last_name, p.phone, p.email, p.locale, p.preferred_channel, p.consents`

// selectBranchRecalls is a page of a branch's undismissed recalls due before a date,
// oldest due first, after the cursor (due_on, id).
const selectBranchRecalls = `SELECT ` + recallColumns + ` FROM recalls r JOIN patients p ON p.id = r.patient_id
	WHERE r.branch_id = ? AND r.status <> 'dismissed' AND p.merged_into IS NULL AND r.due_on < ?
	AND (r.due_on > ? OR (r.due_on = ? AND r.id > ?)) ORDER BY r.due_on, r.id LIMIT ?`

// selectDueRecalls is a page of every branch's recalls not yet sent, due on or before
// a date, after the cursor (due_on, id).
const selectDueRecalls = `SELECT ` + recallColumns + ` FROM recalls r JOIN patients p ON p.id = r.patient_id
	WHERE r.status = 'due' AND p.merged_into IS NULL AND r.due_on <= ?
	AND (r.due_on > ? OR (r.due_on = ? AND r.id > ?)) ORDER BY r.due_on, r.id LIMIT ?`

const selectRecall = `SELECT ` + recallColumns + ` FROM recalls r JOIN patients p ON p.id = r.patient_id WHERE r.id = ?`

// markRecallMessaged records the message of a recall's due date; a recall moved in the
// meantime (another due date) stays due.
const markRecallMessaged = `UPDATE recalls SET status = 'messaged', messaged_at = ?, updated_at = ?
	WHERE id = ? AND due_on = ? AND status = 'due'`

const dismissRecall = `UPDATE recalls SET status = 'dismissed', updated_at = ? WHERE id = ?`

func (s store) ruleMonths(ctx context.Context, q db.Q, serviceID string) (int, error) {
	var m int
	return m, db.Get(ctx, q, &m, selectRuleMonths, serviceID)
}

func (s store) rules(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		ServiceID string `db:"service_id"`
		Months    int    `db:"months"`
	}
	if err := db.Select(ctx, s.db.R, &rows, selectRules); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.ServiceID] = r.Months
	}
	return out, nil
}

func (s store) setRule(ctx context.Context, tx db.Tx, serviceID string, months int, by *string, at time.Time) error {
	return db.Exec(ctx, tx, upsertRule, serviceID, months, by, at)
}

func (s store) upsertRecall(ctx context.Context, tx db.Tx, r Recall, at time.Time) error {
	return db.Exec(ctx, tx, upsertRecall, newID(), r.PatientID, r.ServiceID, r.BranchID, r.DueOn, r.LastVisitAt.UTC(),
		r.FromVisitID, at, at)
}

func (s store) branchRecalls(ctx context.Context, f Filter, afterDue, afterID string) ([]Recall, error) {
	var out []Recall
	err := db.Select(ctx, s.db.R, &out, selectBranchRecalls, f.BranchID, f.DueBefore, afterDue, afterDue, orMin(afterID), f.Limit+1)
	return out, err
}

func (s store) dueRecalls(ctx context.Context, onOrBefore, afterDue, afterID string, limit int) ([]Recall, error) {
	var out []Recall
	err := db.Select(ctx, s.db.R, &out, selectDueRecalls, onOrBefore, afterDue, afterDue, orMin(afterID), limit)
	return out, err
}

func (s store) recall(ctx context.Context, q db.Q, id string) (Recall, error) {
	var r Recall
	return r, db.Get(ctx, q, &r, selectRecall, id)
}

func (s store) markRecallMessaged(ctx context.Context, tx db.Tx, r Recall, at time.Time) error {
	return db.Exec(ctx, tx, markRecallMessaged, at, at, r.ID, r.DueOn)
}

func (s store) dismiss(ctx context.Context, tx db.Tx, id string, at time.Time) error {
	return db.ExecOne(ctx, tx, dismissRecall, at, id)
}

// in expands a statement's `IN (?)` for a list; internal/db rebinds the placeholders.
func in(query string, args ...any) (string, []any, error) { return sqlx.In(query, args...) }
