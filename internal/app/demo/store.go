package demo

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const (
	countLogin = `SELECT COUNT(*) FROM staff WHERE email = ?`
	countData  = `SELECT (SELECT COUNT(*) FROM staff) + (SELECT COUNT(*) FROM branches)
		+ (SELECT COUNT(*) FROM services) + (SELECT COUNT(*) FROM patients)`
)

// store reads the little the demo must know before it writes: whether it is there,
// and whether anything else is.
type store struct{ db *db.DB }

func (s store) hasLogin(ctx context.Context, email string) (bool, error) {
	var n int
	err := db.Get(ctx, s.db.R, &n, countLogin, email)
	return n > 0, err
}

func (s store) empty(ctx context.Context) (bool, error) {
	var n int
	err := db.Get(ctx, s.db.R, &n, countData)
	return n == 0, err
}
