package db

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// ReadStatements keeps hot read statements prepared on the reader pool (a call list
// answered all day): SQLite would otherwise compile the statement on every answer,
// more than half of a short list's CPU.
type ReadStatements struct {
	r  *sqlx.DB
	mu sync.Mutex
	m  map[string]*sqlx.Stmt
}

// NewReadStatements returns an empty cache over d's reader pool.
func NewReadStatements(d *DB) *ReadStatements {
	return &ReadStatements{r: d.R, m: map[string]*sqlx.Stmt{}}
}

// stmt returns query's statement, preparing it on first use.
func (c *ReadStatements) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.r.PreparexContext(ctx, c.r.Rebind(query))
	if err != nil {
		return nil, Map(err)
	}
	c.m[query] = st
	return st, nil
}

// Select runs a many-row query through its prepared statement.
func (c *ReadStatements) Select(ctx context.Context, dst any, query string, args ...any) error {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return err
	}
	return Map(st.SelectContext(ctx, dst, args...))
}

// Get runs a one-row query through its prepared statement.
func (c *ReadStatements) Get(ctx context.Context, dst any, query string, args ...any) error {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return err
	}
	return Map(st.GetContext(ctx, dst, args...))
}
