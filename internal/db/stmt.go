package db

import (
	"cmp"
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// TxStatements keeps hot statements prepared on the writer, for statements that every
// write transaction of a kind runs (a booking's overlap checks and insert). SQLite
// would otherwise compile each one again inside the transaction, a quarter of a
// booking's CPU in the load harness, while the one writer connection is held.
//
// Statements are prepared by Prepare, outside any transaction: preparing on the
// writer pool from inside a transaction would wait for the connection that very
// transaction holds (SQLite has one). A statement not prepared yet still runs, compiled
// for the transaction alone.
type TxStatements struct {
	w     *sqlx.DB
	mu    sync.Mutex
	plain map[string]*sqlx.Stmt
	named map[string]*sqlx.NamedStmt
}

// NewTxStatements returns an empty cache over d's writer.
func NewTxStatements(d *DB) *TxStatements {
	return &TxStatements{w: d.W, plain: map[string]*sqlx.Stmt{}, named: map[string]*sqlx.NamedStmt{}}
}

// Prepare prepares the statements not prepared yet; never call it inside a write
// transaction. Queries with :name parameters are prepared as named statements.
func (c *TxStatements) Prepare(ctx context.Context, plain []string, named []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range plain {
		if _, ok := c.plain[q]; !ok {
			st, err := c.w.PreparexContext(ctx, c.w.Rebind(q))
			if err != nil {
				return Map(err)
			}
			c.plain[q] = st
		}
	}
	for _, q := range named {
		if _, ok := c.named[q]; !ok {
			st, err := c.w.PrepareNamedContext(ctx, q)
			if err != nil {
				return Map(err)
			}
			c.named[q] = st
		}
	}
	return nil
}

// Get runs a one-row query in tx, through its prepared statement when there is one.
func (c *TxStatements) Get(ctx context.Context, tx Tx, dst any, query string, args ...any) error {
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	if st := c.stmt(ctx, tx, query); st != nil {
		return Map(st.GetContext(ctx, dst, args...))
	}
	return Get(ctx, tx, dst, query, args...)
}

// Exec runs a statement in tx, through its prepared statement when there is one.
func (c *TxStatements) Exec(ctx context.Context, tx Tx, query string, args ...any) error {
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	if st := c.stmt(ctx, tx, query); st != nil {
		_, err := st.ExecContext(ctx, args...)
		return Map(err)
	}
	return Exec(ctx, tx, query, args...)
}

// Later runs an insert in tx as Later does: kept when tx keeps inserts, otherwise at
// once through its prepared statement when there is one.
func (c *TxStatements) Later(ctx context.Context, tx Tx, query string, args ...any) error {
	if queueOf(tx) != nil {
		return Later(ctx, tx, query, args...)
	}
	return c.Exec(ctx, tx, query, args...)
}

// NamedExec runs a statement with :name parameters taken from arg in tx.
func (c *TxStatements) NamedExec(ctx context.Context, tx Tx, query string, arg any) error {
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	c.mu.Lock()
	st, ok := c.named[query]
	c.mu.Unlock()
	var err error
	if ok {
		_, err = tx.NamedStmtContext(ctx, st).ExecContext(ctx, arg)
	} else {
		_, err = sqlx.NamedExecContext(ctx, tx, query, arg)
	}
	return Map(err)
}

// stmt binds the cached statement to tx (nil when not prepared); database/sql reuses
// the statement already prepared on the transaction's connection.
func (c *TxStatements) stmt(ctx context.Context, tx Tx, query string) *sqlx.Stmt {
	c.mu.Lock()
	st, ok := c.plain[query]
	c.mu.Unlock()
	if !ok {
		return nil
	}
	return tx.StmtxContext(ctx, st)
}

// Select runs a many-row query in tx, through its prepared statement when there is one.
func (c *TxStatements) Select(ctx context.Context, tx Tx, dst any, query string, args ...any) error {
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	if st := c.stmt(ctx, tx, query); st != nil {
		return Map(st.SelectContext(ctx, dst, args...))
	}
	return Select(ctx, tx, dst, query, args...)
}

// ExecOne runs a statement in tx that must touch exactly one row; none is ErrNotFound.
func (c *TxStatements) ExecOne(ctx context.Context, tx Tx, query string, args ...any) error {
	if err := sendLater(ctx, tx); err != nil {
		return err
	}
	st := c.stmt(ctx, tx, query)
	if st == nil {
		return ExecOne(ctx, tx, query, args...)
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return Map(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return cmp.Or(err, ErrNotFound)
	}
	return nil
}
