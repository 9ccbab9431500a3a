package waitlist

import (
	"context"
	"encoding/json"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

type waitStore struct{ db *db.DB }

// entryRow is a stored waitlist entry; preferences are JSON text.
type entryRow struct {
	ID          string    `db:"id"`
	PatientID   string    `db:"patient_id"`
	BranchID    string    `db:"branch_id"`
	ServiceID   string    `db:"service_id"`
	DoctorID    *string   `db:"doctor_id"`
	Earliest    string    `db:"earliest"`
	Latest      string    `db:"latest"`
	Preferences string    `db:"preferences"`
	Status      string    `db:"status"`
	CreatedBy   *string   `db:"created_by"`
	CreatedAt   time.Time `db:"created_at"`
	UpdatedAt   time.Time `db:"updated_at"`
}

func (r entryRow) entry() Entry {
	e := Entry{ID: r.ID, PatientID: r.PatientID, BranchID: r.BranchID, ServiceID: r.ServiceID, DoctorID: deref(r.DoctorID),
		Earliest: r.Earliest, Latest: r.Latest, Status: EntryStatus(r.Status), CreatedBy: deref(r.CreatedBy),
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	_ = json.Unmarshal([]byte(r.Preferences), &e.Preferences) // written by us; a bad row reads as "any time"
	return e
}

func entriesOf(rows []entryRow) []Entry {
	out := make([]Entry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out
}

const entryColumns = `id, patient_id, branch_id, service_id, doctor_id, earliest, latest, preferences, status,
	created_by, created_at, updated_at`

const insertEntry = `INSERT INTO waitlist_entries (` + entryColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (s waitStore) insert(ctx context.Context, tx db.Tx, e Entry) error {
	return db.Exec(ctx, tx, insertEntry, e.ID, e.PatientID, e.BranchID, e.ServiceID, nullIfEmpty(e.DoctorID), e.Earliest,
		e.Latest, preferencesJSON(e.Preferences), string(e.Status), nullIfEmpty(e.CreatedBy), e.CreatedAt, e.UpdatedAt)
}

// maxEntries bounds one list answer; a waitlist longer than this is not a list anyone reads.
const maxEntries = 500

// The list is two statements rather than one comparing the branch with an empty
// string: the column is a UUID on PostgreSQL, and the branch's own statement can use
// its index.
const (
	selectEntries = `SELECT ` + entryColumns + ` FROM waitlist_entries
		WHERE (? = '' OR status = ?) ORDER BY created_at, id LIMIT ?`
	selectBranchEntries = `SELECT ` + entryColumns + ` FROM waitlist_entries
		WHERE branch_id = ? AND (? = '' OR status = ?) ORDER BY created_at, id LIMIT ?`
)

func (s waitStore) list(ctx context.Context, branchID, status string) ([]Entry, error) {
	var rows []entryRow
	var err error
	if branchID == "" {
		err = db.Select(ctx, s.db.R, &rows, selectEntries, status, status, maxEntries)
	} else {
		err = db.Select(ctx, s.db.R, &rows, selectBranchEntries, branchID, status, status, maxEntries)
	}
	return entriesOf(rows), err
}

const selectEntry = `SELECT ` + entryColumns + ` FROM waitlist_entries WHERE id = ?`

func (s waitStore) get(ctx context.Context, q db.Q, id string) (Entry, error) {
	var r entryRow
	err := db.Get(ctx, q, &r, selectEntry, id)
	return r.entry(), err
}

// expireStale closes entries whose last date has passed in every time zone: a day
// before today in UTC is yesterday or earlier everywhere.
const expireStale = `UPDATE waitlist_entries SET status = 'expired', updated_at = ?
	WHERE status = 'waiting' AND latest < ?`

func (s waitStore) expireStale(ctx context.Context, now time.Time) error {
	return db.Exec(ctx, s.db.W, expireStale, now, now.AddDate(0, 0, -1).Format(time.DateOnly))
}

// matchingEntries are the waiting entries a freed time of a service could serve, first
// come first.
const matchingEntries = `SELECT ` + entryColumns + ` FROM waitlist_entries
	WHERE status = 'waiting' AND branch_id = ? AND service_id = ? AND (doctor_id IS NULL OR doctor_id = ?)
	AND earliest <= ? AND latest >= ?
	ORDER BY created_at, id`

func (s waitStore) matching(ctx context.Context, a visit.Visit, localDate string) ([]Entry, error) {
	var rows []entryRow
	err := db.Select(ctx, s.db.R, &rows, matchingEntries, a.BranchID, a.ServiceID, a.DoctorID, localDate, localDate)
	return entriesOf(rows), err
}

// Closing an entry revokes the links of its open offers and expires those offers.
const (
	closeEntry = `UPDATE waitlist_entries SET status = ?, updated_at = ? WHERE id = ? AND status = 'waiting'`
	revokeOpen = `UPDATE patient_links SET revoked_at = ? WHERE revoked_at IS NULL AND token_hash IN
		(SELECT link_hash FROM waitlist_offers WHERE entry_id = ? AND status = 'offered')`
	expireOpen = `UPDATE waitlist_offers SET status = 'expired' WHERE entry_id = ? AND status = 'offered'`
)

func (s waitStore) close(ctx context.Context, tx db.Tx, id string, status EntryStatus, now time.Time) error {
	if err := db.ExecOne(ctx, tx, closeEntry, string(status), now, id); err != nil {
		return err
	}
	return s.closeOffers(ctx, tx, id, now)
}

func (s waitStore) closeOffers(ctx context.Context, tx db.Tx, entryID string, now time.Time) error {
	if err := db.Exec(ctx, tx, revokeOpen, now, entryID); err != nil {
		return err
	}
	return db.Exec(ctx, tx, expireOpen, entryID)
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
