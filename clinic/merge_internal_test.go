package clinic

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The schema queries below are test-only introspection, one per dialect.
const (
	sqliteFKsSQL = `SELECT m.name AS tbl, p."from" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table' AND p."table" = 'patients'`
	postgresFKsSQL = `SELECT kcu.table_name AS tbl, kcu.column_name AS col
		FROM information_schema.referential_constraints rc
		JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name
		JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name
		WHERE ccu.table_name = 'patients'`
)

// TestExportCoversEveryPatientReference fails when a migration adds a table that
// references patients without giving the export a section for it.
func TestExportCoversEveryPatientReference(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for _, r := range patientReferences(t, d) {
			if !slices.Contains(exportTables(), r.Table) {
				t.Errorf("%s references patients but the export leaves it out; add it to exportSections", r.Table)
			}
		}
	})
}

type patientReference struct {
	Table  string `db:"tbl"`
	Column string `db:"col"`
}

// patientReferences lists the columns of the schema that reference patients.
func patientReferences(t *testing.T, d *db.DB) []patientReference {
	query := sqliteFKsSQL
	if d.Dialect == db.Postgres {
		query = postgresFKsSQL
	}
	var refs []patientReference
	if err := d.R.Select(&refs, query); err != nil {
		t.Fatal(err)
	}
	if len(refs) < 2 {
		t.Fatalf("found only %v; is the introspection query right?", refs)
	}
	return refs
}

// TestMergeListCoversEveryPatientReference fails when a migration adds a column that
// references patients without adding it to repointPatientSQL.
func TestMergeListCoversEveryPatientReference(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for _, r := range patientReferences(t, d) {
			stmt := "UPDATE " + r.Table + " SET " + r.Column + " = ? WHERE " + r.Column + " = ?"
			if !slices.Contains(repointPatientSQL, stmt) {
				t.Errorf("%s.%s references patients but merging does not re-point it; add %q", r.Table, r.Column, stmt)
			}
		}
	})
}

func TestMergeMovesReferencesAndFlattensChains(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, ids := swedishPatients(t, d, "Svensson", "070-123 45 01", "070-123 45 02", "070-123 45 03")
		a, mid, survivor := ids[0], ids[1], ids[2]
		if err := db.Exec(ctx, d.W, `INSERT INTO patient_links (token_hash, purpose, patient_id, expires_at, created_at)
			VALUES ('h1', 'questionnaire', ?, ?, ?)`, a, time.Now().UTC(), time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergePatients(ctx, mid, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergePatients(ctx, survivor, mid); err != nil {
			t.Fatal(err)
		}
		var link string
		if err := d.R.Get(&link, `SELECT patient_id FROM patient_links WHERE token_hash = 'h1'`); err != nil || link != survivor {
			t.Errorf("link points at %s (%v), want the survivor", link, err)
		}
		for _, id := range []string{a, mid} {
			sp, err := selectPatient(ctx, d.R, id)
			if err != nil || sp.MergedInto != survivor {
				t.Errorf("%s merged into %q (%v), want the survivor", id, sp.MergedInto, err)
			}
		}
		if _, err := s.MergePatients(ctx, survivor, a); err == nil {
			t.Error("merged an already merged card again")
		}
		x, err := s.ExportPatient(ctx, survivor)
		if err != nil || len(x.Merged) != 2 {
			t.Errorf("export lists %d merged cards (%v), want 2", len(x.Merged), err)
		}
		links := x.Records["patient_links"]
		if len(links) != 1 || links[0]["token_hash"] != nil || links[0]["purpose"] == nil {
			t.Errorf("export's links = %v, want the one link without its token", links)
		}
	})
}

func TestPrefixEnd(t *testing.T) {
	for in, want := range map[string]string{"abc": "abd", "kowal": "kowam", "łuk": "łul", "9": ":", "a\U0010FFFF": "b"} {
		if got := prefixEnd(in); got != want {
			t.Errorf("prefixEnd(%q) = %q, want %q", in, got, want)
		}
	}
}

// exportTables are the tables the sections cover: the patients table itself (merged
// cards) is exported as cards, not as rows.
func exportTables() []string {
	out := []string{"patients"}
	for _, s := range exportSections {
		out = append(out, s.Name)
	}
	return out
}
