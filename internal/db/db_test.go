package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestErrorsAreMapped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := `INSERT INTO services (id, code, names, duration_minutes, price_minor, currency, created_at, updated_at)
			VALUES (?, ?, '{}', ?, ?, 'PLN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`
		if err := db.Exec(ctx, d.W, insert, uuid.NewString(), "X1", 30, 100); err != nil {
			t.Fatalf("insert: %v", err)
		}
		if err := db.Exec(ctx, d.W, insert, uuid.NewString(), "X1", 30, 100); !errors.Is(err, db.ErrConflict) {
			t.Errorf("duplicate code: got %v, want ErrConflict", err)
		}
		if err := db.Exec(ctx, d.W, insert, uuid.NewString(), "X2", 7, 100); !errors.Is(err, db.ErrCheck) {
			t.Errorf("duration 7: got %v, want ErrCheck", err)
		}
		chair := `INSERT INTO chairs (id, branch_id, name, created_at, updated_at) VALUES (?, ?, 'c', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`
		if err := db.Exec(ctx, d.W, chair, uuid.NewString(), uuid.NewString()); !errors.Is(err, db.ErrForeignKey) {
			t.Errorf("missing branch: got %v, want ErrForeignKey", err)
		}
		var code string
		if err := db.Get(ctx, d.R, &code, `SELECT code FROM services WHERE code = ?`, "nope"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("no rows: got %v, want ErrNotFound", err)
		}
	})
}

func TestTransactionRollsBackOnError(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.InTx(ctx, func(tx db.Tx) error {
			if err := db.Exec(ctx, tx, `INSERT INTO services (id, code, duration_minutes, price_minor, currency, created_at, updated_at)
				VALUES (?, 'T1', 30, 0, 'PLN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, uuid.NewString()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx: got %v", err)
		}
		var n int
		if err := db.Get(ctx, d.R, &n, `SELECT COUNT(*) FROM services`); err != nil || n != 0 {
			t.Fatalf("after rollback: n=%d err=%v", n, err)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := db.Exec(ctx, d.W, `INSERT INTO audit_log (at, actor_kind, action, entity) VALUES (CURRENT_TIMESTAMP, 'system', 'read', 'x')`); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, d.W, `UPDATE audit_log SET entity = 'y'`); err == nil {
			t.Error("update of audit_log succeeded")
		}
		if err := db.Exec(ctx, d.W, `DELETE FROM audit_log`); err == nil {
			t.Error("delete from audit_log succeeded")
		}
	})
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	for _, dsn := range []string{"mysql://x", "", "/no/such/folder/x.db"} {
		if _, err := db.Open(context.Background(), dsn); !errors.Is(err, db.ErrBadDSN) {
			t.Errorf("Open(%q): got %v, want ErrBadDSN", dsn, err)
		}
	}
}
