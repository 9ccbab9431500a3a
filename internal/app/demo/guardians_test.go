package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The demo clinic's papers read as a real clinic's: the branch has its legal details
// and every child under Poland's age of medical consent (18) has a parent on file.
func TestTheDemoChildrenHaveGuardiansAndTheBranchItsLegalDetails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		ctx := context.Background()
		if got, err := demo.Seed(ctx, env.DemoDeps(), "pl"); err != nil || got != demo.Added {
			t.Fatalf("seed: %v %v", got, err)
		}
		var legal struct {
			Name   string `db:"legal_name"`
			Tax    string `db:"tax_number"`
			Prefix string `db:"contract_prefix"`
		}
		if err := db.Get(ctx, d.R, &legal, `SELECT legal_name, tax_number, contract_prefix FROM branches`); err != nil ||
			legal.Name == "" || legal.Tax == "" || legal.Prefix != "MOK" {
			t.Errorf("branch legal details %+v (%v)", legal, err)
		}
		var kids []string
		adult := env.Clock.Now().AddDate(-18, 0, 0).Format(time.DateOnly)
		if err := db.Select(ctx, d.R, &kids, `SELECT p.id FROM patients p WHERE CAST(p.birth_date AS TEXT) > ?
			AND NOT EXISTS (SELECT 1 FROM patient_guardians g WHERE g.patient_id = p.id)`, adult); err != nil || len(kids) != 0 {
			t.Errorf("%d children without a guardian (%v)", len(kids), err)
		}
		var linked int
		if err := db.Get(ctx, d.R, &linked, `SELECT COUNT(*) FROM patient_guardians WHERE relation IN ('mother', 'father')`); err != nil || linked == 0 {
			t.Errorf("no child has a parent on file (%d, %v)", linked, err)
		}
	})
}
