package clinic

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type procedureRow struct {
	ID                string                      `db:"id"`
	Code              string                      `db:"code"`
	Names             jsonText[map[string]string] `db:"names"`
	DurationMinutes   int                         `db:"duration_minutes"`
	PriceMinor        int64                       `db:"price_minor"`
	Currency          string                      `db:"currency"`
	ChairCapability   string                      `db:"chair_capability"`
	RequiredDocuments jsonText[[]string]          `db:"required_documents"`
	Active            bool                        `db:"active"`
	CreatedAt         time.Time                   `db:"created_at"`
	UpdatedAt         time.Time                   `db:"updated_at"`
}

func (r procedureRow) procedure() Procedure {
	names := r.Names.V
	if names == nil {
		names = map[string]string{}
	}
	return Procedure{ID: r.ID, Code: r.Code, Names: names, DurationMinutes: r.DurationMinutes,
		PriceMinor: r.PriceMinor, Currency: r.Currency, ChairCapability: r.ChairCapability,
		RequiredDocuments: orEmpty(r.RequiredDocuments.V), Active: r.Active,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

const procedureColumns = `id, code, names, duration_minutes, price_minor, currency, chair_capability,
	required_documents, active, created_at, updated_at`

const insertProcedureSQL = `INSERT INTO services (` + procedureColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func insertProcedure(ctx context.Context, q db.Q, p Procedure) error {
	return db.Exec(ctx, q, insertProcedureSQL, p.ID, p.Code, jsonText[map[string]string]{p.Names},
		p.DurationMinutes, p.PriceMinor, p.Currency, p.ChairCapability,
		jsonText[[]string]{p.RequiredDocuments}, p.Active, p.CreatedAt, p.UpdatedAt)
}

const updateProcedureSQL = `UPDATE services SET code = ?, names = ?, duration_minutes = ?, price_minor = ?,
	currency = ?, chair_capability = ?, required_documents = ?, active = ?, updated_at = ?
	WHERE id = ?`

func updateProcedure(ctx context.Context, q db.Q, p Procedure) error {
	return db.ExecOne(ctx, q, updateProcedureSQL, p.Code, jsonText[map[string]string]{p.Names},
		p.DurationMinutes, p.PriceMinor, p.Currency, p.ChairCapability,
		jsonText[[]string]{p.RequiredDocuments}, p.Active, p.UpdatedAt, p.ID)
}

const selectProcedureSQL = `SELECT ` + procedureColumns + ` FROM services WHERE id = ?`

func selectProcedure(ctx context.Context, q db.Q, id string) (Procedure, error) {
	var r procedureRow
	err := db.Get(ctx, q, &r, selectProcedureSQL, id)
	return r.procedure(), err
}

// listProceduresSQL walks the price list by (code, id) after the cursor.
const listProceduresSQL = `SELECT ` + procedureColumns + ` FROM services
	WHERE (? OR active = ?) AND (code, id) > (?, ?)
	ORDER BY code, id LIMIT ?`

func listProcedures(ctx context.Context, q db.Q, active *bool, after cursor, limit int) ([]Procedure, error) {
	anyActive, wantActive := activeArgs(active)
	var rows []procedureRow
	err := db.Select(ctx, q, &rows, listProceduresSQL, anyActive, wantActive, after.Key, after.ID, limit)
	out := make([]Procedure, len(rows))
	for i, r := range rows {
		out[i] = r.procedure()
	}
	return out, err
}

const countProceduresSQL = `SELECT COUNT(*) FROM services WHERE id IN (?)`

// countProcedures counts how many of ids name stored services.
func countProcedures(ctx context.Context, q db.Q, ids []string) (int, error) {
	var n []int
	err := db.SelectIn(ctx, q, &n, countProceduresSQL, ids)
	if err != nil || len(n) == 0 {
		return 0, err
	}
	return n[0], nil
}
