package calendar

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// calendarStore holds the SQL of the iCal feeds. It reads only the columns a feed may
// show, so a complaint, a note or a phone cannot reach a feed by accident.
type calendarStore struct{ db *db.DB }

// feedRow is a stored feed token with the state of its owner as it is now.
type feedRow struct {
	StaffID   string    `db:"staff_id"`
	Kind      FeedKind  `db:"kind"`
	SubjectID string    `db:"subject_id"`
	CreatedAt time.Time `db:"created_at"`
	Role      string    `db:"role"`
	Active    bool      `db:"active"`
}

const selectFeedByHash = `SELECT f.staff_id, f.kind, f.subject_id, f.created_at, s.role, s.active
	FROM calendar_feeds f JOIN staff s ON s.id = f.staff_id
	WHERE f.token_hash = ? AND f.revoked_at IS NULL`

func (s calendarStore) feedByHash(ctx context.Context, hash string) (feedRow, error) {
	var r feedRow
	err := db.Get(ctx, s.db.R, &r, selectFeedByHash, hash)
	if errors.Is(err, db.ErrNotFound) {
		return r, ErrFeedNotFound
	}
	return r, err
}

const selectStaffBranches = `SELECT branch_id FROM staff_branches WHERE staff_id = ? ORDER BY branch_id`

func (s calendarStore) staffBranches(ctx context.Context, staffID string) ([]string, error) {
	out := []string{}
	return out, db.Select(ctx, s.db.R, &out, selectStaffBranches, staffID)
}

const selectActiveFeed = `SELECT created_at FROM calendar_feeds
	WHERE staff_id = ? AND kind = ? AND subject_id = ? AND revoked_at IS NULL
	ORDER BY created_at LIMIT 1`

// activeFeed returns when the staff member's live token for the subject was issued;
// ok is false when they have none.
func (s calendarStore) activeFeed(ctx context.Context, q db.Q, f Feed) (at time.Time, ok bool, err error) {
	err = db.Get(ctx, q, &at, selectActiveFeed, f.StaffID, f.Kind, f.SubjectID)
	if errors.Is(err, db.ErrNotFound) {
		return at, false, nil
	}
	return at, err == nil, err
}

const insertFeed = `INSERT INTO calendar_feeds (token_hash, staff_id, kind, subject_id, created_at)
	VALUES (?, ?, ?, ?, ?)`

func (s calendarStore) insertFeed(ctx context.Context, q db.Q, hash string, f Feed) error {
	return db.Exec(ctx, q, insertFeed, hash, f.StaffID, f.Kind, f.SubjectID, f.CreatedAt)
}

const revokeFeeds = `UPDATE calendar_feeds SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL`

func (s calendarStore) revokeFeeds(ctx context.Context, q db.Q, staffID string, at time.Time) error {
	return db.Exec(ctx, q, revokeFeeds, at, staffID)
}

// subjectRow is what a feed is about: a doctor, a chair or a branch. BranchID and Zone
// are empty for a doctor, who may work at several branches.
type subjectRow struct {
	Name     string `db:"name"`
	StaffID  string `db:"staff_id"`
	BranchID string `db:"branch_id"`
	Zone     string `db:"time_zone"`
}

// The subject statements answer the same columns so one scan fits all three.
const (
	selectDoctorSubject = `SELECT display_name AS name, staff_id, '' AS branch_id, '' AS time_zone
		FROM doctors WHERE id = ?`
	selectChairSubject = `SELECT c.name || ', ' || b.name AS name, '' AS staff_id, c.branch_id, b.time_zone
		FROM chairs c JOIN branches b ON b.id = c.branch_id WHERE c.id = ?`
	selectBranchSubject = `SELECT name, '' AS staff_id, id AS branch_id, time_zone FROM branches WHERE id = ?`
)

var subjectQueries = map[FeedKind]string{
	FeedDoctor: selectDoctorSubject, FeedChair: selectChairSubject, FeedBranch: selectBranchSubject}

func (s calendarStore) subject(ctx context.Context, kind FeedKind, id string) (subjectRow, error) {
	var r subjectRow
	query, ok := subjectQueries[kind]
	if !ok {
		return r, ErrFeedNotFound
	}
	err := db.Get(ctx, s.db.R, &r, query, id)
	if errors.Is(err, db.ErrNotFound) {
		return r, ErrFeedSubjectNotFound
	}
	return r, err
}

const selectOwnDoctor = `SELECT id FROM doctors WHERE staff_id = ? AND active`

// ownDoctor returns the id of the staff member's active doctor profile, "" if none.
func (s calendarStore) ownDoctor(ctx context.Context, staffID string) (string, error) {
	var id string
	err := db.Get(ctx, s.db.R, &id, selectOwnDoctor, staffID)
	if errors.Is(err, db.ErrNotFound) {
		return "", nil
	}
	return id, err
}

// feedEvent is one appointment as a feed shows it: who (names, reduced to initials
// when rendered), what service, where and when — nothing clinical.
type feedEvent struct {
	ID           string       `db:"id"`
	Status       visit.Status `db:"status"`
	Start        time.Time    `db:"starts_at"`
	End          time.Time    `db:"ends_at"`
	Sequence     int          `db:"sequence"`
	CreatedAt    time.Time    `db:"created_at"`
	UpdatedAt    time.Time    `db:"updated_at"`
	FirstName    string       `db:"first_name"`
	LastName     string       `db:"last_name"`
	ServiceNames string       `db:"service_names"`
	ServiceCode  string       `db:"service_code"`
	BranchName   string       `db:"branch_name"`
	Locale       string       `db:"branch_locale"`
}

// Held and released rows are left out: a hold is an unverified claim that usually
// expires within minutes, long before a calendar client polls again.
const feedEventsSelect = `SELECT a.id, a.status, a.starts_at, a.ends_at, a.sequence, a.created_at,
	a.updated_at, COALESCE(p.first_name, '') AS first_name, COALESCE(p.last_name, '') AS last_name,
	s.names AS service_names, s.code AS service_code, b.name AS branch_name, b.locale AS branch_locale
	FROM appointments a
	JOIN services s ON s.id = a.service_id
	JOIN branches b ON b.id = a.branch_id
	LEFT JOIN patients p ON p.id = a.patient_id
	WHERE a.status IN ('booked', 'confirmed', 'arrived', 'seated', 'completed', 'cancelled', 'no_show', 'rescheduled')
	AND a.starts_at >= ? AND a.starts_at < ? `

// One statement per kind keeps each on its own index (doctor, chair or branch, then time).
const (
	selectDoctorEvents = feedEventsSelect + `AND a.doctor_id = ? ORDER BY a.starts_at, a.id`
	selectChairEvents  = feedEventsSelect + `AND a.chair_id = ? ORDER BY a.starts_at, a.id`
	selectBranchEvents = feedEventsSelect + `AND a.branch_id = ? ORDER BY a.starts_at, a.id`
)

var eventQueries = map[FeedKind]string{
	FeedDoctor: selectDoctorEvents, FeedChair: selectChairEvents, FeedBranch: selectBranchEvents}

func (s calendarStore) events(ctx context.Context, kind FeedKind, subjectID string, from, to time.Time) ([]feedEvent, error) {
	out := []feedEvent{}
	return out, db.Select(ctx, s.db.R, &out, eventQueries[kind], from, to, subjectID)
}

const selectStaffFeeds = `SELECT kind, subject_id, created_at FROM calendar_feeds
	WHERE staff_id = ? AND revoked_at IS NULL ORDER BY created_at, kind, subject_id`

// staffFeeds lists the staff member's live feeds, one per calendar (two first calls
// that raced may have made two tokens for one).
func (s calendarStore) staffFeeds(ctx context.Context, staffID string) ([]Feed, error) {
	var rows []Feed
	if err := db.Select(ctx, s.db.R, &rows, selectStaffFeeds, staffID); err != nil {
		return nil, err
	}
	out := []Feed{}
	seen := map[Feed]bool{}
	for _, f := range rows {
		f.StaffID = staffID
		key := Feed{Kind: f.Kind, SubjectID: f.SubjectID}
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out, nil
}
