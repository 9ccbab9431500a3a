package clinic

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type branchRow struct {
	ID       string                 `db:"id"`
	Name     string                 `db:"name"`
	Address  string                 `db:"address"`
	Phone    string                 `db:"phone"`
	Country  string                 `db:"country"`
	TimeZone string                 `db:"time_zone"`
	Locale   string                 `db:"locale"`
	Currency string                 `db:"currency"`
	Hours    jsonText[OpeningHours] `db:"opening_hours"`
	BranchLegal
	Active    bool      `db:"active"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

func (r branchRow) branch() Branch {
	hours := r.Hours.V
	if hours == nil {
		hours = OpeningHours{}
	}
	return Branch{ID: r.ID, Name: r.Name, Address: r.Address, Phone: r.Phone, Country: r.Country,
		TimeZone: r.TimeZone, Locale: r.Locale, Currency: r.Currency, Hours: hours, Legal: r.BranchLegal, Active: r.Active,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

const branchColumns = `id, name, address, phone, country, time_zone, locale, currency, opening_hours,
	active, created_at, updated_at, ` + legalColumns

const insertBranchSQL = `INSERT INTO branches (` + branchColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func insertBranch(ctx context.Context, q db.Q, b Branch) error {
	return db.Exec(ctx, q, insertBranchSQL, b.ID, b.Name, b.Address, b.Phone, b.Country, b.TimeZone,
		b.Locale, b.Currency, jsonText[OpeningHours]{b.Hours}, b.Active, b.CreatedAt, b.UpdatedAt,
		b.Legal.LegalName, b.Legal.TaxNumber, b.Legal.CompanyNumber, b.Legal.MedicalRegisterNumber,
		b.Legal.Licence, b.Legal.Email, b.Legal.ContractPrefix, b.Legal.ConsentAge)
}

const updateBranchSQL = `UPDATE branches SET name = ?, address = ?, phone = ?, country = ?, time_zone = ?,
	locale = ?, currency = ?, opening_hours = ?, active = ?, updated_at = ?, legal_name = ?, tax_number = ?,
	company_number = ?, medical_register_number = ?, licence = ?, email = ?, contract_prefix = ?, consent_age = ?
	WHERE id = ?`

func updateBranch(ctx context.Context, q db.Q, b Branch) error {
	return db.ExecOne(ctx, q, updateBranchSQL, b.Name, b.Address, b.Phone, b.Country, b.TimeZone,
		b.Locale, b.Currency, jsonText[OpeningHours]{b.Hours}, b.Active, b.UpdatedAt,
		b.Legal.LegalName, b.Legal.TaxNumber, b.Legal.CompanyNumber, b.Legal.MedicalRegisterNumber,
		b.Legal.Licence, b.Legal.Email, b.Legal.ContractPrefix, b.Legal.ConsentAge, b.ID)
}

const selectBranchSQL = `SELECT ` + branchColumns + ` FROM branches WHERE id = ?`

func selectBranch(ctx context.Context, q db.Q, id string) (Branch, error) {
	var r branchRow
	err := db.Get(ctx, q, &r, selectBranchSQL, id)
	return r.branch(), err
}

// listBranchesSQL walks branches by (name, id) after the cursor.
const listBranchesSQL = `SELECT ` + branchColumns + ` FROM branches
	WHERE (? OR id IN (?)) AND (? OR active = ?) AND (name, id) > (?, ?)
	ORDER BY name, id LIMIT ?`

func listBranches(ctx context.Context, q db.Q, sc scope, active *bool, after cursor, limit int) ([]Branch, error) {
	all, ids := scopeArgs(sc)
	anyActive, wantActive := activeArgs(active)
	var rows []branchRow
	err := db.SelectIn(ctx, q, &rows, listBranchesSQL, all, ids, anyActive, wantActive, after.Key, after.ID, limit)
	out := make([]Branch, len(rows))
	for i, r := range rows {
		out[i] = r.branch()
	}
	return out, err
}
