package main

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// insertAppointment is the statement booking's store runs to book (booking/store.go,
// there with named parameters): every column, so the seeded rows and the bare-SQL
// baseline write exactly what a booking writes.
const insertAppointment = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id,
	starts_at, ends_at, blocked_until, status, source, hold_expires_at, complaint, note, booked_by,
	referred_by_doctor, rescheduled_from, rescheduled_to, cancel_reason, cancelled_by, confirmed_at, arrived_at,
	arrived_by, seated_at, seated_by, completed_at, completed_by, cancelled_at, sequence, created_at, updated_at,
	hold_code_hash, hold_patient)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', 'admin', NULL, '', '', ?, NULL, NULL, NULL, '', '', NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, 0, ?, ?, NULL, NULL)`

// visitRow is one booked appointment as a row.
type visitRow struct {
	branchID, patientID, serviceID, doctorID, chairID, bookedBy string
	start                                                       time.Time
	minutes                                                     int
}

// rowValues are what a row adds to its visit: an id, its instants and a stamp.
type rowValues struct {
	id                       string
	start, end, blocked, now time.Time
}

// values are UTC and the stamp truncated to microseconds, as the services store them
// (SQLite compares instants as text); blocked_until is the end plus the buffer.
func (r visitRow) values() rowValues {
	start := r.start.UTC()
	end := start.Add(time.Duration(r.minutes) * time.Minute)
	return rowValues{id: uuid.NewString(), start: start, end: end, blocked: end.Add(bufferMinutes * time.Minute),
		now: time.Now().UTC().Truncate(time.Microsecond)}
}

// args are insertAppointment's parameters.
func (r visitRow) args() []any {
	v := r.values()
	return []any{v.id, r.branchID, r.patientID, r.serviceID, r.doctorID, r.chairID, v.start, v.end, v.blocked,
		r.bookedBy, v.now, v.now}
}

// insertAppointmentsPostgres is insertAppointment for many rows at once, each
// parameter a column as an array; the columns it leaves out take the defaults that
// insertAppointment writes out. One statement instead of 50 000 round trips.
const insertAppointmentsPostgres = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id,
	chair_id, booked_by, starts_at, ends_at, blocked_until, created_at, updated_at, status, source)
	SELECT t.*, 'booked', 'admin' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[],
	$6::uuid[], $7::uuid[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[],
	$12::timestamptz[]) AS t`

// columns turns rows into insertAppointmentsPostgres's parameters.
func columns(rows []visitRow) []any {
	var ids [7][]string
	var instants [5][]time.Time
	for _, r := range rows {
		v := r.values()
		for i, s := range []string{v.id, r.branchID, r.patientID, r.serviceID, r.doctorID, r.chairID, r.bookedBy} {
			ids[i] = append(ids[i], s)
		}
		for i, t := range []time.Time{v.start, v.end, v.blocked, v.now, v.now} {
			instants[i] = append(instants[i], t)
		}
	}
	out := make([]any, 0, len(ids)+len(instants))
	for _, c := range ids {
		out = append(out, c)
	}
	for _, c := range instants {
		out = append(out, c)
	}
	return out
}

// visitBlock is what a seeded visit occupies: 20 minutes and the 5-minute buffer (the
// layout of booking's BenchmarkAvailabilityLarge, so the figures compare).
const visitBlock = 25

// existing lays out a branch's booked visits: each day of bookedDays gets its share,
// at cells (block j, chair k) drawn at random from the day; chair k in block j goes
// to doctor (j+k) mod doctors, so no doctor or chair is ever taken twice at once
// (only as many chairs as doctors are used).
func (b *branchWorld) existing(w *world, rng func(n int) []int) []visitRow {
	if b.spec.appointments == 0 {
		return nil
	}
	blocks, width := dayMinutes/visitBlock, min(len(b.chairs), len(b.doctors))
	perDay := (b.spec.appointments + b.spec.bookedDays - 1) / b.spec.bookedDays
	out := make([]visitRow, 0, b.spec.appointments)
	for day := 0; day < b.spec.bookedDays && len(out) < b.spec.appointments; day++ {
		open := b.opening(day)
		cells := rng(blocks * width)
		for _, c := range cells[:min(perDay, len(cells), b.spec.appointments-len(out))] {
			j, k := c/width, c%width
			out = append(out, visitRow{branchID: b.branch.ID, patientID: w.patients[len(out)%len(w.patients)],
				serviceID: w.procedures[0].ID, doctorID: b.doctors[(j+k)%len(b.doctors)].ID, chairID: b.chairs[k].ID,
				bookedBy: w.adminID, start: open.Add(time.Duration(j*visitBlock) * time.Minute),
				minutes: w.procedures[0].DurationMinutes})
		}
	}
	return out
}

// opening is 07:00 local on the day'th day from today (07:00 exists on DST days too).
func (b *branchWorld) opening(day int) time.Time {
	return time.Date(b.today.Year(), b.today.Month(), b.today.Day()+day, openHour, 0, 0, 0, b.loc)
}

// seedAppointments writes the small and the large clinic's booked visits in one
// transaction: 50 000 bookings through the service would take minutes and measure
// nothing this harness reports. SQLite takes them through one prepared statement in
// about a second; PostgreSQL as column arrays in one statement.
func (w *world) seedAppointments(ctx context.Context, d *db.DB) error {
	rng := newRNG(1)
	rows := append(w.small.existing(w, rng.Perm), w.large.existing(w, rng.Perm)...)
	w.seededRows = len(rows)
	if d.Dialect == db.Postgres {
		return db.Exec(ctx, d.W, insertAppointmentsPostgres, columns(rows)...)
	}
	return d.InTx(ctx, func(tx db.Tx) error {
		stmt, err := tx.PreparexContext(ctx, tx.Rebind(insertAppointment))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r.args()...); err != nil {
				return db.Map(err)
			}
		}
		return nil
	})
}
