// Package audit keeps the append-only log of who read or changed which patient's data.
package audit

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Action is what was done.
type Action string

// The audited actions.
const (
	Read        Action = "read"
	Create      Action = "create"
	Update      Action = "update"
	Delete      Action = "delete"
	Print       Action = "print"
	Export      Action = "export"
	Login       Action = "login"
	LoginFailed Action = "login_failed"
)

// Entry is what a service tells the log; who and from where come from the context.
type Entry struct {
	Action    Action
	Entity    string
	EntityID  string
	PatientID string
}

// Record is one stored audit row.
type Record struct {
	Seq         int64     `db:"id" json:"-"`
	At          time.Time `db:"at" json:"at"`
	ActorKind   string    `db:"actor_kind" json:"actor_kind"`
	StaffID     *string   `db:"staff_id" json:"staff_id"`
	PatientLink *string   `db:"patient_link" json:"patient_link"`
	Action      string    `db:"action" json:"action"`
	Entity      string    `db:"entity" json:"entity"`
	EntityID    string    `db:"entity_id" json:"entity_id"`
	PatientID   *string   `db:"patient_id" json:"patient_id"`
	RequestID   string    `db:"request_id" json:"request_id"`
	IP          string    `db:"ip" json:"ip"`
}

// Log writes and reads audit rows.
type Log struct {
	db  *db.DB
	now func() time.Time
}

// New returns a Log over d, reading the time from now.
func New(d *db.DB, now func() time.Time) *Log {
	return &Log{db: d, now: now}
}

const insertRecord = `INSERT INTO audit_log
	(at, actor_kind, staff_id, patient_link, action, entity, entity_id, patient_id, request_id, ip)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// Record appends e on q, which should be the transaction of the change it describes so
// that the change and its audit row land together or not at all.
func (l *Log) Record(ctx context.Context, q db.Q, e Entry) error {
	a := actor.From(ctx)
	req := actor.RequestFrom(ctx)
	return db.Later(ctx, q, insertRecord, l.now().UTC(), string(a.Kind), nullable(a.StaffID),
		nullable(a.PatientLink), string(e.Action), e.Entity, e.EntityID, nullable(e.PatientID), req.ID, req.IP)
}

// batchRows bounds one multi-row insert (10 values a row stays far below the
// parameter limits of both databases).
const batchRows = 100

// insertRecords appends many entries in one statement.
var insertRecords = db.Rows{
	Head: `INSERT INTO audit_log
	(at, actor_kind, staff_id, patient_link, action, entity, entity_id, patient_id, request_id, ip) VALUES `,
	Row: `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
}

// RecordAll appends many entries on q in as few statements as possible: a page of
// search results is one read row per card shown, and one round trip per row made
// searches slow on a networked database.
func (l *Log) RecordAll(ctx context.Context, q db.Q, entries []Entry) error {
	a, req, now := actor.From(ctx), actor.RequestFrom(ctx), l.now().UTC()
	return db.ExecRows(ctx, q, insertRecords, entries, batchRows, func(e Entry) []any {
		return []any{now, string(a.Kind), nullable(a.StaffID), nullable(a.PatientLink), string(e.Action),
			e.Entity, e.EntityID, nullable(e.PatientID), req.ID, req.IP}
	})
}

// RecordNow appends e in a transaction of its own, for reads and failed sign-ins that
// change nothing else.
func (l *Log) RecordNow(ctx context.Context, e Entry) error {
	return l.Record(ctx, l.db.W, e)
}

const selectByPatient = `SELECT id, at, actor_kind, staff_id, patient_link, action, entity, entity_id,
	patient_id, request_id, ip
	FROM audit_log WHERE patient_id = ? AND id < ? ORDER BY id DESC LIMIT ?`

// ForPatient lists a patient's audit rows, newest first, older than the row before
// (0 means from the newest), at most limit rows.
func (l *Log) ForPatient(ctx context.Context, patientID string, before int64, limit int) ([]Record, error) {
	if before <= 0 {
		before = 1<<62 - 1
	}
	var out []Record
	err := db.Select(ctx, l.db.R, &out, selectByPatient, patientID, before, limit)
	return out, err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
