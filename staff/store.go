package staff

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// row is a staff row as stored.
type row struct {
	ID           string    `db:"id"`
	Email        string    `db:"email"`
	Name         string    `db:"name"`
	Role         string    `db:"role"`
	PasswordHash string    `db:"password_hash"`
	Active       bool      `db:"active"`
	CreatedAt    time.Time `db:"created_at"`
	UpdatedAt    time.Time `db:"updated_at"`
}

type store struct{ db *db.DB }

const staffColumns = `id, email, name, role, password_hash, active, created_at, updated_at`

const insertStaff = `INSERT INTO staff (` + staffColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func (s store) insert(ctx context.Context, q db.Q, r row) error {
	return db.Exec(ctx, q, insertStaff, r.ID, r.Email, r.Name, r.Role, r.PasswordHash, r.Active, r.CreatedAt, r.UpdatedAt)
}

const updateStaff = `UPDATE staff SET name = ?, role = ?, password_hash = ?, active = ?, updated_at = ? WHERE id = ?`

func (s store) update(ctx context.Context, q db.Q, r row) error {
	return db.ExecOne(ctx, q, updateStaff, r.Name, r.Role, r.PasswordHash, r.Active, r.UpdatedAt, r.ID)
}

const selectStaffByID = `SELECT ` + staffColumns + ` FROM staff WHERE id = ?`

func (s store) byID(ctx context.Context, q db.Q, id string) (row, error) {
	var r row
	return r, db.Get(ctx, q, &r, selectStaffByID, id)
}

const selectStaffByEmail = `SELECT ` + staffColumns + ` FROM staff WHERE email = ?`

func (s store) byEmail(ctx context.Context, q db.Q, email string) (row, error) {
	var r row
	return r, db.Get(ctx, q, &r, selectStaffByEmail, email)
}

const selectStaffPage = `SELECT ` + staffColumns + ` FROM staff
	WHERE (email > ?) AND (? = '' OR role = ?) ORDER BY email LIMIT ?`

func (s store) page(ctx context.Context, after, role string, limit int) ([]row, error) {
	var rows []row
	return rows, db.Select(ctx, s.db.R, &rows, selectStaffPage, after, role, role, limit)
}

const countActiveOwners = `SELECT COUNT(*) FROM staff WHERE role = 'owner' AND active AND id <> ?`

func (s store) otherActiveOwners(ctx context.Context, q db.Q, exceptID string) (int, error) {
	var n int
	return n, db.Get(ctx, q, &n, countActiveOwners, exceptID)
}

const selectBranchIDs = `SELECT branch_id FROM staff_branches WHERE staff_id = ? ORDER BY branch_id`

func (s store) branchIDs(ctx context.Context, q db.Q, staffID string) ([]string, error) {
	ids := []string{}
	return ids, db.Select(ctx, q, &ids, selectBranchIDs, staffID)
}

const (
	deleteBranchLinks = `DELETE FROM staff_branches WHERE staff_id = ?`
	insertBranchLink  = `INSERT INTO staff_branches (staff_id, branch_id) VALUES (?, ?)`
)

// setBranches replaces a staff user's branch memberships (membership is current state,
// not history; changes are in the audit log).
func (s store) setBranches(ctx context.Context, q db.Q, staffID string, branchIDs []string) error {
	if err := db.Exec(ctx, q, deleteBranchLinks, staffID); err != nil {
		return err
	}
	for _, b := range branchIDs {
		if err := db.Exec(ctx, q, insertBranchLink, staffID, b); err != nil {
			return err
		}
	}
	return nil
}

const insertToken = `INSERT INTO staff_tokens (token_hash, staff_id, ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`

func (s store) insertToken(ctx context.Context, q db.Q, hash, staffID, ip string, now, expires time.Time) error {
	return db.Exec(ctx, q, insertToken, hash, staffID, ip, now, expires)
}

// selectTokenActor is the staff member a live token belongs to, one row per branch
// they work at (one row with a NULL branch when none): the actor in one statement.
const selectTokenActor = `SELECT s.id, s.role, sb.branch_id, t.expires_at
	FROM staff_tokens t JOIN staff s ON s.id = t.staff_id
	LEFT JOIN staff_branches sb ON sb.staff_id = s.id
	WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND s.active
	ORDER BY sb.branch_id`

// tokenActorRow is one row of selectTokenActor.
type tokenActorRow struct {
	ID        string    `db:"id"`
	Role      string    `db:"role"`
	BranchID  *string   `db:"branch_id"`
	ExpiresAt time.Time `db:"expires_at"`
}

// liveToken is who a live token stands for, and until when.
type liveToken struct {
	actor   actor.Actor
	expires time.Time
}

// tokenActor is the owner of a live token and their branches; ErrNotFound when the
// token is unknown, revoked or expired, or its owner inactive.
func (s store) tokenActor(ctx context.Context, hash string, now time.Time) (liveToken, error) {
	var rows []tokenActorRow
	if err := db.Select(ctx, s.db.R, &rows, selectTokenActor, hash, now); err != nil {
		return liveToken{}, err
	}
	if len(rows) == 0 {
		return liveToken{}, db.ErrNotFound
	}
	branches := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.BranchID != nil {
			branches = append(branches, *r.BranchID)
		}
	}
	a := actor.Actor{Kind: actor.Staff, StaffID: rows[0].ID, Role: actor.Role(rows[0].Role), BranchIDs: branches}
	return liveToken{actor: a, expires: rows[0].ExpiresAt}, nil
}

// selectVersions reads the version every change to staff, their branches and revoked
// tokens counts up (access_version, by triggers), and beside it the schedule version
// (schedule_version): a staff request that books pins the latter (versioned.Offer)
// where it took a round trip of its own.
const selectVersions = `SELECT a.version AS access, s.version AS schedule
	FROM access_version a CROSS JOIN schedule_version s WHERE a.id = 1 AND s.id = 1`

// versions are the access and schedule versions read together.
type versions struct {
	Access   int64 `db:"access"`
	Schedule int64 `db:"schedule"`
}

func (s store) versions(ctx context.Context) (versions, error) {
	var v versions
	return v, db.Get(ctx, s.db.R, &v, selectVersions)
}

const revokeToken = `UPDATE staff_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`

func (s store) revokeToken(ctx context.Context, hash string, now time.Time) error {
	return db.Exec(ctx, s.db.W, revokeToken, now, hash)
}

const revokeStaffTokens = `UPDATE staff_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL`

func (s store) revokeAll(ctx context.Context, q db.Q, staffID string, now time.Time) error {
	return db.Exec(ctx, q, revokeStaffTokens, now, staffID)
}

const insertFailure = `INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)`

func (s store) recordFailure(ctx context.Context, q db.Q, email, ip string, at time.Time) error {
	return db.Exec(ctx, q, insertFailure, email, ip, at)
}

// Recent failures of one e-mail and of one IP; the newest says when a lock lifts.
const (
	countEmailFailures = `SELECT COUNT(*) FROM login_failures WHERE email = ? AND at > ?`
	countIPFailures    = `SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at > ?`
	newestEmailFailure = `SELECT at FROM login_failures WHERE email = ? ORDER BY at DESC LIMIT 1`
	newestIPFailure    = `SELECT at FROM login_failures WHERE ip = ? ORDER BY at DESC LIMIT 1`
)

// failureCount is how many recent failures a key has and when the newest was.
type failureCount struct {
	N      int
	Newest time.Time
}

func (s store) failures(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP failureCount, err error) {
	if byEmail, err = s.countFailures(ctx, countEmailFailures, newestEmailFailure, email, since); err != nil {
		return
	}
	byIP, err = s.countFailures(ctx, countIPFailures, newestIPFailure, ip, since)
	return
}

func (s store) countFailures(ctx context.Context, count, newest, key string, since time.Time) (failureCount, error) {
	var fc failureCount
	if err := db.Get(ctx, s.db.W, &fc.N, count, key, since); err != nil || fc.N == 0 {
		return fc, err
	}
	return fc, db.Get(ctx, s.db.W, &fc.Newest, newest, key)
}

const clearEmailFailures = `DELETE FROM login_failures WHERE email = ?`

// clearFailures forgets an account's failures after a successful sign-in; the audit log
// keeps the history.
func (s store) clearFailures(ctx context.Context, q db.Q, email string) error {
	return db.Exec(ctx, q, clearEmailFailures, email)
}

const branchExists = `SELECT COUNT(*) FROM branches WHERE id = ?`

func (s store) branchExists(ctx context.Context, q db.Q, id string) (bool, error) {
	var n int
	err := db.Get(ctx, q, &n, branchExists, id)
	return n > 0, err
}
