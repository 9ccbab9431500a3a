package clinic

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Patient lists and searches are index range scans in key order that stop at the page
// size: (search_name, id), (phone_reversed, id) and (created_at, id) are indexed, and the
// keyset cursor continues right after the last row shown. No LIKE '%…%' anywhere.

// listPatientsByNameSQL walks live cards alphabetically.
const listPatientsByNameSQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE merged_into IS NULL AND (? OR home_branch_id IN (?))
	AND (search_name, id) > (?, ?)
	ORDER BY search_name, id LIMIT ?`

// listPatientsNewestSQL walks live cards newest first.
const listPatientsNewestSQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE merged_into IS NULL AND (? OR home_branch_id IN (?))
	AND (created_at, id) < (?, ?)
	ORDER BY created_at DESC, id DESC LIMIT ?`

// patientSorts is the whitelist of list orders a client may ask for.
var patientSorts = map[string]string{
	"name":   listPatientsByNameSQL,
	"newest": listPatientsNewestSQL,
}

func listPatients(ctx context.Context, q db.Q, query string, sc scope, after []any, limit int) ([]Patient, error) {
	all, ids := scopeArgs(sc)
	args := append([]any{all, ids}, after...)
	var rows []patientRow
	err := db.SelectIn(ctx, q, &rows, query, append(args, limit)...)
	return patients(rows), err
}

// searchPatientsByNameSQL finds live cards whose search name starts with a prefix: the
// range [prefix, prefixEnd(prefix)).
const searchPatientsByNameSQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE merged_into IS NULL AND (? OR home_branch_id IN (?))
	AND search_name >= ? AND search_name < ? AND (search_name, id) > (?, ?)
	ORDER BY search_name, id LIMIT ?`

// searchPatientsByPhoneSQL finds live cards whose number ends with some digits: their
// reversed digits start with the reversed fragment.
const searchPatientsByPhoneSQL = `SELECT ` + patientColumns + ` FROM patients
	WHERE merged_into IS NULL AND (? OR home_branch_id IN (?))
	AND phone_reversed >= ? AND phone_reversed < ? AND (phone_reversed, id) > (?, ?)
	ORDER BY phone_reversed, id LIMIT ?`

func searchPatients(ctx context.Context, q db.Q, query string, sc scope, prefix string, after cursor, limit int) ([]Patient, error) {
	all, ids := scopeArgs(sc)
	var rows []patientRow
	err := db.SelectIn(ctx, q, &rows, query, all, ids, prefix, prefixEnd(prefix), after.Key, after.ID, limit)
	return patients(rows), err
}
