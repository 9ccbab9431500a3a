// Package idempotency remembers the first answer to a creating request sent with an
// Idempotency-Key, so that a client retrying after a lost answer gets that answer again
// instead of creating a second record.
package idempotency

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// TTL is how long a key is remembered.
const TTL = 24 * time.Hour

// Errors a claim can end in.
var (
	ErrKeyReused  = fault.New(fault.Invalid, "idempotency_key_reused", "this Idempotency-Key was used with a different request")
	ErrInProgress = fault.New(fault.Conflict, "idempotency_in_progress", "a request with this Idempotency-Key is still running; retry shortly")
)

// Answer is a remembered answer.
type Answer struct {
	Status int    `db:"status"`
	Body   string `db:"body"`
}

// Store keeps keys in the idempotency_keys table.
type Store struct {
	db *db.DB
	// writes commits claims and answers of requests running at once together on
	// SQLite: each was a commit of its own on the one writer, two per creating request
	// beside the request's own.
	writes *db.Group
	now    func() time.Time
}

// NewStore returns a Store over d.
func NewStore(d *db.DB, now func() time.Time) *Store {
	return &Store{db: d, writes: db.NewGroup(d, 32), now: now}
}

const (
	deleteExpired = `DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND created_at < ?`
	claimKey      = `INSERT INTO idempotency_keys (key, scope, request_hash, status, body, created_at)
		VALUES (?, ?, ?, 0, '', ?) ON CONFLICT (scope, key) DO NOTHING`
	selectKey = `SELECT request_hash, status, body FROM idempotency_keys WHERE scope = ? AND key = ?`
)

type stored struct {
	Hash string `db:"request_hash"`
	Answer
}

// Claim reserves key for a request with the given hash. It returns the remembered
// answer when the same request already finished (nil when this request should run),
// ErrInProgress while the first is still running and ErrKeyReused for another request.
func (s *Store) Claim(ctx context.Context, scope, key, hash string) (*Answer, error) {
	now := s.now().UTC()
	var got stored
	fresh := false
	err := s.writes.InTx(ctx, func(tx db.Tx) error {
		fresh = false
		if err := db.Exec(ctx, tx, deleteExpired, scope, key, now.Add(-TTL)); err != nil {
			return err
		}
		err := db.ExecOne(ctx, tx, claimKey, key, scope, hash, now)
		if fresh = err == nil; fresh || !errors.Is(err, db.ErrNotFound) {
			return err
		}
		return db.Get(ctx, tx, &got, selectKey, scope, key)
	})
	switch {
	case err != nil || fresh:
		return nil, err
	case got.Hash != hash:
		return nil, ErrKeyReused
	case got.Status == 0:
		return nil, ErrInProgress
	default:
		return &got.Answer, nil
	}
}

const saveAnswer = `UPDATE idempotency_keys SET status = ?, body = ? WHERE scope = ? AND key = ?`

// Save remembers the answer to a claimed key.
func (s *Store) Save(ctx context.Context, scope, key string, a Answer) error {
	return s.writes.InTx(ctx, func(tx db.Tx) error {
		return db.Exec(ctx, tx, saveAnswer, a.Status, a.Body, scope, key)
	})
}

const releaseKey = `DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status = 0`

// Release forgets a claimed key whose request failed, so a corrected retry can run.
func (s *Store) Release(ctx context.Context, scope, key string) error {
	return s.writes.InTx(ctx, func(tx db.Tx) error {
		return db.Exec(ctx, tx, releaseKey, scope, key)
	})
}
