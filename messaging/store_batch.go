package messaging

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// A chunk's attempts and its successful results are written with one statement each,
// not one per message: on PostgreSQL every statement is a round trip. The statements
// are whole constants around a list of placeholders repeated per row (never values).

// repeatRows returns n copies of a row's placeholder group, comma-separated.
func repeatRows(group string, n int) string {
	return strings.TrimSuffix(strings.Repeat(group+", ", n), ", ")
}

const insertAttemptsHead = `INSERT INTO outbox_attempts (outbox_id, attempt, medium, recipient, started_at) VALUES `

// insertAttempts records the attempts of a chunk's jobs before any provider is called.
func (s store) insertAttempts(ctx context.Context, tx db.Tx, jobs []job, at time.Time) error {
	if len(jobs) == 0 {
		return nil
	}
	args := make([]any, 0, 5*len(jobs))
	for _, j := range jobs {
		args = append(args, j.row.ID, j.row.Attempts, j.hop.Medium, j.hop.Address, at)
	}
	return db.Exec(ctx, tx, insertAttemptsHead+repeatRows("(?, ?, ?, ?, ?)", len(jobs)), args...)
}

// caseByID is "CASE <col> WHEN ? THEN ? … END" for n rows.
func caseByID(col string, n int) string {
	return "CASE " + col + " " + strings.TrimSuffix(strings.Repeat("WHEN ? THEN ? ", n), " ") + " END"
}

// markSentBatch settles a chunk's sent rows: each attempt closed with its provider id,
// each row sent through the medium and address it went by.
func (s store) markSentBatch(ctx context.Context, tx db.Tx, sent []result, at time.Time) error {
	if len(sent) == 0 {
		return nil
	}
	n := len(sent)
	ids := make([]any, 0, n)
	pid, medium, address := make([]any, 0, 2*n), make([]any, 0, 2*n), make([]any, 0, 2*n)
	for _, r := range sent {
		ids = append(ids, r.row.ID)
		pid = append(pid, r.row.ID, r.providerID)
		medium = append(medium, r.row.ID, r.hop.Medium)
		address = append(address, r.row.ID, r.hop.Address)
	}
	in := "(" + repeatRows("?", n) + ")"
	attempts := `UPDATE outbox_attempts SET finished_at = ?, outcome = 'sent', provider_id = ` + caseByID("outbox_id", n) +
		` WHERE finished_at IS NULL AND outbox_id IN ` + in
	if err := db.Exec(ctx, tx, attempts, concat([]any{at}, pid, ids)...); err != nil {
		return err
	}
	rows := `UPDATE outbox SET status = 'sent', sent_at = ?, last_error = '', provider_id = ` + caseByID("id", n) +
		`, channel = ` + caseByID("id", n) + `, recipient = ` + caseByID("id", n) +
		` WHERE status = 'sending' AND id IN ` + in
	return db.Exec(ctx, tx, rows, concat([]any{at}, pid, medium, address, ids)...)
}

func concat(parts ...[]any) []any {
	var out []any
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// consentEntry is the newest consent row about one key (medium and address or patient).
type consentEntry struct {
	at        time.Time
	id        string
	optedOut  bool
	hasRecord bool
}

// consentBook holds a chunk's consent: newest row per medium and address, and per
// medium and patient.
type consentBook map[string]consentEntry

type consentRow struct {
	ID        string    `db:"id"`
	PatientID *string   `db:"patient_id"`
	Address   string    `db:"address"`
	Medium    string    `db:"medium"`
	OptedOut  bool      `db:"opted_out"`
	At        time.Time `db:"at"`
}

const selectConsentBook = `SELECT id, patient_id, address, medium, opted_out, at FROM consent_ledger
	WHERE address IN (?) OR patient_id IN (?)`

// consents reads every consent row about the chunk's addresses and patients at once.
func (s store) consents(ctx context.Context, q db.Q, addresses, patientIDs []string) (consentBook, error) {
	book := consentBook{}
	if len(addresses) == 0 {
		return book, nil
	}
	if len(patientIDs) == 0 {
		patientIDs = []string{zeroUUID}
	}
	query, args, err := sqlx.In(selectConsentBook, addresses, patientIDs)
	if err != nil {
		return nil, err
	}
	var rows []consentRow
	if err := db.Select(ctx, q, &rows, query, args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		book.note("a|"+r.Medium+"|"+r.Address, r)
		if r.PatientID != nil {
			book.note("p|"+r.Medium+"|"+*r.PatientID, r)
		}
	}
	return book, nil
}

func (b consentBook) note(key string, r consentRow) {
	cur := b[key]
	if !cur.hasRecord || r.At.After(cur.at) || r.At.Equal(cur.at) && r.ID > cur.id {
		b[key] = consentEntry{at: r.At, id: r.ID, optedOut: r.OptedOut, hasRecord: true}
	}
}

// optedOut: the newer of what was said about the address and about the patient wins.
func (b consentBook) optedOut(medium, address string, patientID *string) bool {
	e := b["a|"+medium+"|"+address]
	if patientID != nil {
		if p := b["p|"+medium+"|"+*patientID]; p.hasRecord && (!e.hasRecord || p.at.After(e.at) || p.at.Equal(e.at) && p.id > e.id) {
			e = p
		}
	}
	return e.optedOut
}
