package schedule

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// schedStore is the SQL of schedules, exceptions, closures and rules.
type schedStore struct {
	db    *db.DB
	stmts *stmtCache
	days  *busyCache
}

// stmtCache keeps the availability engine's statements prepared on the reader pool:
// SQLite would otherwise compile each one on every answer, a quarter of a small
// clinic's answer time.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sqlx.Stmt
}

// prepared returns the statement for query, preparing it on first use.
func (s schedStore) prepared(ctx context.Context, query string) (*sqlx.Stmt, error) {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if st, ok := s.stmts.m[query]; ok {
		return st, nil
	}
	st, err := s.db.R.PreparexContext(ctx, s.db.R.Rebind(query))
	if err != nil {
		return nil, db.Map(err)
	}
	if s.stmts.m == nil {
		s.stmts.m = map[string]*sqlx.Stmt{}
	}
	s.stmts.m[query] = st
	return st, nil
}

// selectPrepared runs a many-row query through its prepared statement.
func (s schedStore) selectPrepared(ctx context.Context, dst any, query string, args ...any) error {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return err
	}
	return db.Map(st.SelectContext(ctx, dst, args...))
}

// selectIn runs a query with IN (?) lists expanded, prepared once per list length.
func (s schedStore) selectIn(ctx context.Context, dst any, query string, args ...any) error {
	expanded, flat, err := sqlx.In(query, args...)
	if err != nil {
		return err
	}
	return s.selectPrepared(ctx, dst, expanded, flat...)
}

const selectDoctorBranches = `SELECT sb.branch_id FROM staff_branches sb
	JOIN doctors d ON d.staff_id = sb.staff_id WHERE d.id = ? ORDER BY sb.branch_id`

// doctorBranches are the branches the doctor's staff account works at.
func (s schedStore) doctorBranches(ctx context.Context, doctorID string) ([]string, error) {
	var out []string
	return out, s.selectPrepared(ctx, &out, selectDoctorBranches, doctorID)
}

const templateColumns = `id, doctor_id, branch_id, chair_id, weekday, start_minute, end_minute, valid_from,
	valid_to, created_at`

const selectTemplates = `SELECT ` + templateColumns + ` FROM schedule_intervals
	WHERE doctor_id IN (?) ORDER BY doctor_id, weekday, start_minute, valid_from`

// templatesOf returns the weekly templates of doctors, at every branch.
func (s schedStore) templatesOf(ctx context.Context, doctorIDs []string) ([]TemplateInterval, error) {
	out := []TemplateInterval{}
	if len(doctorIDs) == 0 {
		return out, nil
	}
	err := s.selectIn(ctx, &out, selectTemplates, doctorIDs)
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, err
}

// selectTemplatesAt leaves created_at out: the engine does not need it.
const selectTemplatesAt = `SELECT id, doctor_id, branch_id, chair_id, weekday, start_minute, end_minute,
	valid_from, valid_to FROM schedule_intervals WHERE branch_id = ?`

// templatesAt returns every weekly template interval worked at a branch.
func (s schedStore) templatesAt(ctx context.Context, branchID string) ([]TemplateInterval, error) {
	out := []TemplateInterval{}
	return out, s.selectPrepared(ctx, &out, selectTemplatesAt, branchID)
}

const (
	deleteTemplates = `DELETE FROM schedule_intervals WHERE doctor_id = ?`
	insertTemplate  = `INSERT INTO schedule_intervals (` + templateColumns + `)
		VALUES (:id, :doctor_id, :branch_id, :chair_id, :weekday, :start_minute, :end_minute, :valid_from,
		:valid_to, :created_at)`
)

// replaceTemplates makes rows the doctor's whole template, inside tx.
func (s schedStore) replaceTemplates(ctx context.Context, tx db.Tx, doctorID string, rows []TemplateInterval) error {
	if err := db.Exec(ctx, tx, deleteTemplates, doctorID); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := sqlx.NamedExecContext(ctx, tx, insertTemplate, r); err != nil {
			return db.Map(err)
		}
	}
	return nil
}

const exceptionColumns = `id, doctor_id, kind, branch_id, chair_id, starts_at, ends_at, reason, created_by, created_at`

// selectExceptionsDuring has no lower bound on starts_at on purpose: time off may
// begin weeks before the range and still cover it.
const selectExceptionsDuring = `SELECT ` + exceptionColumns + ` FROM doctor_exceptions
	WHERE doctor_id IN (?) AND starts_at < ? AND ends_at > ? ORDER BY starts_at, id`

// exceptionsOf returns the exceptions of doctors that overlap during.
func (s schedStore) exceptionsOf(ctx context.Context, doctorIDs []string, during span) ([]Exception, error) {
	out := []Exception{}
	if len(doctorIDs) == 0 {
		return out, nil
	}
	err := s.selectIn(ctx, &out, selectExceptionsDuring, doctorIDs, unixUTC(during.to), unixUTC(during.from))
	return utcExceptions(out), err
}

const selectExceptionsAfter = `SELECT ` + exceptionColumns + ` FROM doctor_exceptions
	WHERE doctor_id = ? AND ends_at > ? ORDER BY starts_at, id`

// exceptionsAfter returns a doctor's exceptions that end after from.
func (s schedStore) exceptionsAfter(ctx context.Context, doctorID string, from time.Time) ([]Exception, error) {
	out := []Exception{}
	err := db.Select(ctx, s.db.R, &out, selectExceptionsAfter, doctorID, from)
	return utcExceptions(out), err
}

func utcExceptions(es []Exception) []Exception {
	for i := range es {
		es[i].Start, es[i].End, es[i].CreatedAt = es[i].Start.UTC(), es[i].End.UTC(), es[i].CreatedAt.UTC()
	}
	return es
}

const insertException = `INSERT INTO doctor_exceptions (` + exceptionColumns + `)
	VALUES (:id, :doctor_id, :kind, :branch_id, :chair_id, :starts_at, :ends_at, :reason, :created_by, :created_at)`

func (s schedStore) insertException(ctx context.Context, q db.Q, e Exception) error {
	_, err := sqlx.NamedExecContext(ctx, q, insertException, e)
	return db.Map(err)
}

const deleteException = `DELETE FROM doctor_exceptions WHERE id = ? AND doctor_id = ?`

func (s schedStore) deleteException(ctx context.Context, doctorID, id string) error {
	return db.ExecOne(ctx, s.db.W, deleteException, id, doctorID)
}

// selectDayOverrides reads an owner's closed (1) and opened (0) dates in a range.
const selectDayOverrides = `SELECT day, 1 AS closed FROM branch_closures WHERE branch_id = ? AND day >= ? AND day <= ?
	UNION ALL SELECT day, 0 AS closed FROM branch_open_days WHERE branch_id = ? AND day >= ? AND day <= ?`

// dayOverrides are the dates from first to last an owner closed and opened.
func (s schedStore) dayOverrides(ctx context.Context, branchID string, first, last civil) (closed, opened map[string]bool, err error) {
	var rows []struct {
		Day    string `db:"day"`
		Closed int    `db:"closed"`
	}
	f, l := first.String(), last.String()
	if err := s.selectPrepared(ctx, &rows, selectDayOverrides, branchID, f, l, branchID, f, l); err != nil {
		return nil, nil, err
	}
	closed, opened = map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		if r.Closed == 1 {
			closed[r.Day] = true
		} else {
			opened[r.Day] = true
		}
	}
	return closed, opened, nil
}

const selectClosures = `SELECT id, branch_id, day, reason, created_at FROM branch_closures
	WHERE branch_id = ? AND day >= ? ORDER BY day`

func (s schedStore) closuresFrom(ctx context.Context, branchID, from string) ([]Closure, error) {
	out := []Closure{}
	err := db.Select(ctx, s.db.R, &out, selectClosures, branchID, from)
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, err
}

const insertClosure = `INSERT INTO branch_closures (id, branch_id, day, reason, created_at) VALUES (?, ?, ?, ?, ?)`

func (s schedStore) insertClosure(ctx context.Context, c Closure) error {
	return db.Exec(ctx, s.db.W, insertClosure, c.ID, c.BranchID, c.Date, c.Reason, c.CreatedAt)
}

const deleteClosure = `DELETE FROM branch_closures WHERE id = ? AND branch_id = ?`

func (s schedStore) deleteClosure(ctx context.Context, branchID, id string) error {
	return db.ExecOne(ctx, s.db.W, deleteClosure, id, branchID)
}

// unixUTC is an engine instant as the database stores it.
func unixUTC(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// isNotFound reports the store's "no row".
func schedNotFound(err error) bool { return errors.Is(err, db.ErrNotFound) }
