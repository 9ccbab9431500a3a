package booking

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

type store struct {
	db *db.DB
	// hot are the statements every placement runs in its write transaction.
	hot *db.TxStatements
}

// warm prepares the placement's statements; called before the transaction opens.
func (s store) warm(ctx context.Context) error {
	plain := []string{selectBlockersSQLite, releaseExpiredHolds, countDoctorOverlaps, countChairOverlaps, insertEvent}
	if s.db.Dialect == db.Postgres {
		plain = []string{releaseExpiredHolds, countDoctorOverlapsPostgres, countChairOverlapsPostgres, insertEvent}
	}
	return s.hot.Prepare(ctx, plain, []string{insertAppointment})
}

// AppointmentColumns are the appointments columns that make a visit.Visit, for the
// statements of booking's parts that read appointment rows.
const AppointmentColumns = `id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at, ends_at,
	blocked_until, status, source, hold_expires_at, complaint, note, booked_by, referred_by_doctor,
	rescheduled_from, rescheduled_to, cancel_reason, cancelled_by, confirmed_at, arrived_at, arrived_by,
	seated_at, seated_by, completed_at, completed_by, cancelled_at, sequence, created_at, updated_at`

const (
	insertAppointmentInto = `INSERT INTO appointments (` + AppointmentColumns + `, hold_code_hash, hold_patient)`
	// newRowValues is a newRow's values, in the order of insertAppointmentInto's columns.
	newRowValues = `:id, :branch_id, :patient_id, :service_id, :doctor_id, :chair_id, :starts_at, :ends_at,
	:blocked_until, :status, :source, :hold_expires_at, :complaint, :note, :booked_by, :referred_by_doctor,
	:rescheduled_from, :rescheduled_to, :cancel_reason, :cancelled_by, :confirmed_at, :arrived_at, :arrived_by,
	:seated_at, :seated_by, :completed_at, :completed_by, :cancelled_at, :sequence, :created_at, :updated_at,
	:hold_code_hash, :hold_patient`
	insertAppointment = insertAppointmentInto + ` VALUES (` + newRowValues + `)`
)

// newRow is an appointment plus the hold secrets that never leave the store.
type newRow struct {
	visit.Visit
	HoldCodeHash *string `db:"hold_code_hash"`
	HoldPatient  *string `db:"hold_patient"`
}

// insert adds an appointment. On Postgres an overlap that slipped past the checks
// (a concurrent insert) fails the exclusion constraint: that is reported as a race on
// the constraint's resource, and the caller retries in a fresh transaction.
func (s store) insert(ctx context.Context, tx db.Tx, r newRow) error {
	err := s.hot.NamedExec(ctx, tx, insertAppointment, r)
	if errors.Is(err, db.ErrExclusion) {
		return raceOn(db.ConstraintName(err))
	}
	return err
}

// errRace is a lost race for a resource, detected by the database.
type errRace struct{ resource Resource }

func (e errRace) Error() string { return "booking: lost the race for the " + string(e.resource) }

func raceOn(constraint string) error {
	if constraint == "appointments_chair_no_overlap" {
		return errRace{ResourceChair}
	}
	return errRace{ResourceDoctor}
}

// The overlap statements bound starts_at from below by MaxBlocked (as availability
// does): an overlapping row starts after start-MaxBlocked, so the (doctor|chair|branch,
// starts_at) indexes read only a day's rows instead of the resource's whole history.

// releaseExpiredHolds frees expired holds that would stand in the way, inside the
// booking transaction: correctness never waits for a sweeper.
const releaseExpiredHolds = `UPDATE appointments SET status = 'released', updated_at = ?
	WHERE status = 'held' AND hold_expires_at <= ? AND starts_at < ? AND blocked_until > ?
	AND ((doctor_id = ? AND starts_at > ?) OR (branch_id = ? AND starts_at > ?))`

func (s store) releaseExpiredHolds(ctx context.Context, tx db.Tx, a visit.Visit, now time.Time) error {
	from := a.Start.Add(-MaxBlocked)
	return s.hot.Exec(ctx, tx, releaseExpiredHolds, now, now, a.BlockedUntil, a.Start, a.DoctorID, from, a.BranchID, from)
}

const (
	countDoctorOverlaps = `SELECT COUNT(*) FROM appointments
		WHERE doctor_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND starts_at < ? AND starts_at > ? AND blocked_until > ? AND id <> ?`
	countChairOverlaps = `SELECT COUNT(*) FROM appointments
		WHERE chair_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND starts_at < ? AND starts_at > ? AND blocked_until > ? AND id <> ?`
	countDoctorOverlapsPostgres = `SELECT COUNT(*) FROM appointments
		WHERE doctor_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND tstzrange(starts_at, blocked_until) && tstzrange(?, ?) AND id <> ?`
	countChairOverlapsPostgres = `SELECT COUNT(*) FROM appointments
		WHERE chair_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND tstzrange(starts_at, blocked_until) && tstzrange(?, ?) AND id <> ?`
)

// overlaps reports whether another active appointment holds the doctor or the chair
// during [a.Start, a.BlockedUntil); on PostgreSQL in the range form its GiST indexes answer.
func (s store) overlaps(ctx context.Context, tx db.Tx, r Resource, resourceID string, a visit.Visit) (bool, error) {
	var n int
	if s.db.Dialect == db.Postgres {
		query := countDoctorOverlapsPostgres
		if r == ResourceChair {
			query = countChairOverlapsPostgres
		}
		err := s.hot.Get(ctx, tx, &n, query, resourceID, a.Start, a.BlockedUntil, a.ID)
		return n > 0, err
	}
	query := countDoctorOverlaps
	if r == ResourceChair {
		query = countChairOverlaps
	}
	err := s.hot.Get(ctx, tx, &n, query, resourceID, a.BlockedUntil, a.Start.Add(-MaxBlocked), a.Start, a.ID)
	return n > 0, err
}

const selectAppointment = `SELECT ` + AppointmentColumns + ` FROM appointments WHERE id = ?`

func (s store) get(ctx context.Context, q db.Q, id string) (visit.Visit, error) {
	var a visit.Visit
	err := db.Get(ctx, q, &a, selectAppointment, id)
	if errors.Is(err, db.ErrNotFound) {
		return a, visit.ErrNotFound
	}
	return a, err
}

const selectAppointments = `SELECT ` + AppointmentColumns + ` FROM appointments WHERE id IN (?)`

// getMany reads the appointments of ids, a statement per db.InChunk of them.
func (s store) getMany(ctx context.Context, q db.Q, ids []string) ([]visit.Visit, error) {
	return db.SelectInChunks[visit.Visit](ctx, q, selectAppointments, ids)
}

const selectDay = `SELECT ` + AppointmentColumns + ` FROM appointments
	WHERE branch_id = ? AND starts_at >= ? AND starts_at < ? AND status <> 'released'
	AND (? = '' OR CAST(doctor_id AS TEXT) = ?) AND (? = '' OR status = ?)
	ORDER BY starts_at, id`

func (s store) day(ctx context.Context, branchID string, from, to time.Time, doctorID, status string) ([]visit.Visit, error) {
	out := []visit.Visit{}
	return out, db.Select(ctx, s.db.R, &out, selectDay, branchID, from, to, doctorID, doctorID, status, status)
}

const selectAnswers = `SELECT appointment_id, kind, actor_kind, reason, at FROM appointment_events
	WHERE appointment_id IN (?) AND kind IN ('confirmed', 'declined_by_patient') ORDER BY id`

const selectQuestions = `SELECT appointment_id, channel, sent_at FROM outbox
	WHERE appointment_id IN (?) AND expects_reply AND sent_at IS NOT NULL AND status IN ('sent', 'delivered')
	ORDER BY sent_at`

// answers reads the visits' confirm and decline events and the questions sent about
// them (the outbox's texts that expect a reply), each oldest first.
func (s store) answers(ctx context.Context, ids []string) ([]answerRow, []questionRow, error) {
	var answers []answerRow
	var questions []questionRow
	if err := s.selectIn(ctx, &answers, selectAnswers, ids); err != nil {
		return nil, nil, err
	}
	return answers, questions, s.selectIn(ctx, &questions, selectQuestions, ids)
}

// selectIn runs a query with one IN (?) list expanded.
func (s store) selectIn(ctx context.Context, dst any, query string, args ...any) error {
	expanded, flat, err := sqlx.In(query, args...)
	if err != nil {
		return err
	}
	return db.Select(ctx, s.db.R, dst, expanded, flat...)
}
