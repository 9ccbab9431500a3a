package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
)

// SQLite compiles every statement it runs (sqlite3_prepare, a sizeable share of a
// short statement's CPU), and the driver finalizes it afterwards. stmtCachingConn keeps
// each connection's statements compiled, keyed by their text, so a statement run again
// on the same connection — in a transaction or not — only binds and steps. PostgreSQL
// needs none of this: pgx caches prepared statements per connection itself.

// maxCachedStmts bounds one connection's statements; queries built with a varying
// number of placeholders (IN lists, multi-row inserts) come and go within it.
const maxCachedStmts = 256

// maxCachedQuery leaves long, one-off texts (migrations, scripts) uncached.
const maxCachedQuery = 8 << 10

// cachingConnector opens SQLite connections that keep their statements compiled.
type cachingConnector struct {
	dsn string
	drv driver.Driver
}

// openCached opens a database/sql pool over the registered "sqlite" driver whose
// connections cache their compiled statements.
func openCached(dsn string) (*sql.DB, error) {
	probe, err := sql.Open("sqlite", "")
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	_ = probe.Close()
	return sql.OpenDB(cachingConnector{dsn: dsn, drv: drv}), nil
}

func (c cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return newStmtCachingConn(conn)
}

func (c cachingConnector) Driver() driver.Driver { return c.drv }

// sqliteConn is what the modernc connection offers and the cache relies on.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachedStmt is one compiled statement; busy while rows read from it are open, so
// that the same text asked again meanwhile runs uncached rather than clobber them.
type cachedStmt struct {
	st      driver.Stmt
	busy    bool
	evicted bool
}

// stmtCachingConn is a connection with its compiled statements. database/sql uses a
// connection from one goroutine at a time, so the map needs no lock.
type stmtCachingConn struct {
	sqliteConn
	stmts map[string]*cachedStmt
}

var errNotCacheable = errors.New("db: sqlite connection lacks the interfaces the statement cache needs")

func newStmtCachingConn(conn driver.Conn) (driver.Conn, error) {
	c, ok := conn.(sqliteConn)
	if !ok {
		_ = conn.Close()
		return nil, errNotCacheable
	}
	return &stmtCachingConn{sqliteConn: c, stmts: map[string]*cachedStmt{}}, nil
}

// cached returns query's compiled statement, compiling it on first use; nil when the
// statement is in use by open rows or the text is not worth keeping.
func (c *stmtCachingConn) cached(ctx context.Context, query string) (*cachedStmt, error) {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil, nil
		}
		return cs, nil
	}
	if len(query) > maxCachedQuery {
		return nil, nil
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.evictOne()
	cs := &cachedStmt{st: st}
	c.stmts[query] = cs
	return cs, nil
}

// evictOne makes room when the cache is full; a statement with open rows is closed
// when they close.
func (c *stmtCachingConn) evictOne() {
	if len(c.stmts) < maxCachedStmts {
		return
	}
	for q, cs := range c.stmts {
		delete(c.stmts, q)
		if cs.busy {
			cs.evicted = true
		} else {
			_ = cs.st.Close()
		}
		return
	}
}

// ExecContext runs query through its compiled statement.
func (c *stmtCachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs, err := c.cached(ctx, query)
	if err != nil || cs == nil {
		if err != nil {
			return nil, err
		}
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	return cs.st.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query through its compiled statement; the statement is free for
// the next use when the rows close.
func (c *stmtCachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs, err := c.cached(ctx, query)
	if err != nil || cs == nil {
		if err != nil {
			return nil, err
		}
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := cs.st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, stmt: cs}, nil
}

// Close finalizes the connection's statements, then closes it.
func (c *stmtCachingConn) Close() error {
	for q, cs := range c.stmts {
		delete(c.stmts, q)
		_ = cs.st.Close()
	}
	return c.sqliteConn.Close()
}

// cachedRows frees its statement for reuse when closed.
type cachedRows struct {
	driver.Rows
	stmt *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.stmt.busy = false
	if r.stmt.evicted {
		err = errors.Join(err, r.stmt.st.Close())
	}
	return err
}

// The column-type methods pass through, so sql.Rows.ColumnTypes answers as before.

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}
