package clinic

import (
	"context"
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// exportSection names one table's rows about a patient in an export, with the query
// that reads them (one parameter: a card's id). Every table that references patients
// has a section; a test compares the list with the schema, as for merging. Columns are
// named, not *, so a credential (a link's token hash) never leaves the clinic.
type exportSection struct {
	Name  string
	Query string
}

// exportSections are read for the card and for each card merged into it.
var exportSections = []exportSection{
	{"appointments", `SELECT * FROM appointments WHERE patient_id = ? ORDER BY starts_at, id`},
	{"patient_links", `SELECT purpose, appointment_id, patient_id, expires_at, revoked_at, created_at
		FROM patient_links WHERE patient_id = ? ORDER BY created_at`},
	{"outbox", `SELECT * FROM outbox WHERE patient_id = ? ORDER BY created_at, id`},
	{"waitlist_entries", `SELECT * FROM waitlist_entries WHERE patient_id = ? ORDER BY created_at, id`},
	{"consent_ledger", `SELECT * FROM consent_ledger WHERE patient_id = ? ORDER BY at, id`},
	{"inbound_messages", `SELECT * FROM inbound_messages WHERE patient_id = ? ORDER BY received_at, id`},
	{"inbox_tasks", `SELECT * FROM inbox_tasks WHERE patient_id = ? ORDER BY created_at, id`},
	{"patient_guardians", `SELECT * FROM patient_guardians WHERE patient_id = ? OR guardian_id = ? ORDER BY created_at`},
	{"follow_ups", `SELECT * FROM follow_ups WHERE patient_id = ? ORDER BY created_at, id`},
	{"follow_up_attempts", `SELECT a.* FROM follow_up_attempts a JOIN follow_ups f ON f.id = a.follow_up_id
		WHERE f.patient_id = ? ORDER BY a.at, a.follow_up_id, a.number`},
	// the survey's link is kept out (only its hash is stored, and it is a credential)
	{"surveys", `SELECT id, follow_up_id, appointment_id, patient_id, branch_id, doctor_id, via, locale, sent_at,
		expires_at, answered_at, answered_by, overall, care, expectations, recommend, comment, created_at
		FROM surveys WHERE patient_id = ? ORDER BY created_at, id`},
	{"recalls", `SELECT * FROM recalls WHERE patient_id = ? ORDER BY due_on, id`},
	{"treatment_plans", `SELECT * FROM treatment_plans WHERE patient_id = ? ORDER BY created_at, id`},
	{"treatment_plan_stages", `SELECT st.* FROM treatment_plan_stages st JOIN treatment_plans tp ON tp.id = st.plan_id
		WHERE tp.patient_id = ? ORDER BY st.plan_id, st.position`},
	{"questionnaire_responses", `SELECT * FROM questionnaire_responses WHERE patient_id = ? ORDER BY created_at, id`},
	// the PDFs and scans themselves stay out (GET /api/v1/documents/{id}/pdf serves each);
	// their hashes, the filled text and the signature image are in
	{"documents", `SELECT id, appointment_id, patient_id, kind, locale, title, markdown, template_id, template_hash,
		data_hash, pdf_sha256, pages, status, generated_at, printed_at, signed_at, signed_by, sign_method,
		signature_png, signed_sha256, scan_type, voided_at, replaced_by
		FROM documents WHERE patient_id = ? ORDER BY generated_at, id`},
}

// exportRecords reads every section for each of the cards, keyed by section name.
func exportRecords(ctx context.Context, q *sqlx.DB, ids []string) (map[string][]map[string]any, error) {
	out := make(map[string][]map[string]any, len(exportSections))
	for _, s := range exportSections {
		rows := []map[string]any{}
		for _, id := range ids {
			page, err := readRecords(ctx, q, s.Query, id)
			if err != nil {
				return nil, err
			}
			rows = append(rows, page...)
		}
		out[s.Name] = rows
	}
	return out, nil
}

// readRecords runs one section's query and turns each row into plain JSON values.
func readRecords(ctx context.Context, q *sqlx.DB, query, id string) ([]map[string]any, error) {
	// a section naming the card in several columns takes its id once per placeholder
	args := make([]any, strings.Count(query, "?"))
	for i := range args {
		args[i] = id
	}
	rows, err := q.QueryxContext(ctx, q.Rebind(query), args...)
	if err != nil {
		return nil, db.Map(err)
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		m := map[string]any{}
		if err := rows.MapScan(m); err != nil {
			return nil, db.Map(err)
		}
		for k, v := range m {
			m[k] = plainValue(v)
		}
		out = append(out, m)
	}
	return out, db.Map(rows.Err())
}

// plainValue makes a driver value JSON-friendly the same way on both databases: text
// as text, binary (a signature image) as base64, instants as UTC RFC 3339.
func plainValue(v any) any {
	switch x := v.(type) {
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return base64.StdEncoding.EncodeToString(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	default:
		return v
	}
}
