package db

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// Q is what stores run statements on: the pools and a transaction alike.
type Q = sqlx.ExtContext

// InTx runs fn in one write transaction (BEGIN IMMEDIATE on SQLite, so check-then-insert
// is safe), committing when fn returns nil and rolling back otherwise.
func (d *DB) InTx(ctx context.Context, fn func(tx Tx) error) error {
	tx, err := d.W.BeginTxx(ctx, nil)
	if err != nil {
		return Map(err)
	}
	if observe := d.txObserver.Load(); observe != nil {
		defer func(caller string, began time.Time) {
			(*observe)(WriteTx{Took: time.Since(began), Caller: caller})
		}(callerOutside(), time.Now())
	}
	defer d.keepLater(ctx, tx)()
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	return Map(tx.Commit())
}

// Get runs a one-row query on q, rebinding placeholders and mapping errors.
func Get(ctx context.Context, q Q, dst any, query string, args ...any) error {
	if err := sendLater(ctx, q); err != nil {
		return err
	}
	return Map(sqlx.GetContext(ctx, q, dst, q.Rebind(query), args...))
}

// Select runs a many-row query on q, rebinding placeholders and mapping errors.
func Select(ctx context.Context, q Q, dst any, query string, args ...any) error {
	if err := sendLater(ctx, q); err != nil {
		return err
	}
	return Map(sqlx.SelectContext(ctx, q, dst, q.Rebind(query), args...))
}

// SelectIn is Select for a query whose "IN (?)" takes a slice among args: the
// placeholder grows to the slice's length first (sqlx.In).
func SelectIn(ctx context.Context, q Q, dst any, query string, args ...any) error {
	expanded, flat, err := sqlx.In(query, args...)
	if err != nil {
		return err
	}
	return Select(ctx, q, dst, expanded, flat...)
}

// InChunk bounds the values one "IN (?)" read carries in SelectInChunks, far below
// both databases' parameter limits.
const InChunk = 500

// SelectInChunks reads the rows of query for every one of values, whose "IN (?)"
// takes them InChunk at a time: a statement per chunk, the rows of all in one slice,
// in no order across chunks.
func SelectInChunks[T any, V any](ctx context.Context, q Q, query string, values []V) ([]T, error) {
	var out []T
	for chunk := range slices.Chunk(values, InChunk) {
		var rows []T
		if err := SelectIn(ctx, q, &rows, query, chunk); err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// Exec runs a statement on q, rebinding placeholders and mapping errors.
func Exec(ctx context.Context, q Q, query string, args ...any) error {
	if err := sendLater(ctx, q); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, q.Rebind(query), args...)
	return Map(err)
}

// ExecOne runs a statement that must touch exactly one row; none is ErrNotFound.
func ExecOne(ctx context.Context, q Q, query string, args ...any) error {
	n, err := ExecCount(ctx, q, query, args...)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// ExecCount runs a statement on q, rebinding placeholders and mapping errors, and
// answers how many rows it touched.
func ExecCount(ctx context.Context, q Q, query string, args ...any) (int64, error) {
	if err := sendLater(ctx, q); err != nil {
		return 0, err
	}
	res, err := q.ExecContext(ctx, q.Rebind(query), args...)
	if err != nil {
		return 0, Map(err)
	}
	return res.RowsAffected()
}

// Tx is an open write transaction.
type Tx = *sqlx.Tx
