package db

import (
	"context"
	"strconv"
	"strings"
	"sync"
)

// On PostgreSQL every statement is a round trip: the server wakes, runs it and
// answers, and the client waits. A booking's transaction ended in six inserts nobody
// reads back before the commit (its event, audit row, manage link, short link,
// messages and reminder plans), six round trips of the sixteen a booking took, and
// the server's wake-ups, not its work, were most of its CPU under load. A transaction
// begun with WithLater keeps such inserts (Later) and sends them as one statement,
// each a data-modifying WITH of it, before the next statement that might read them or
// before the commit. SQLite has no round trips to save and no data-modifying WITH:
// there Later runs the insert at once.

// laterKey marks a context whose write transactions keep Later's inserts.
type laterKey struct{}

// WithLater returns ctx with its write transactions on PostgreSQL keeping Later's
// inserts until they must run. Use it only where every statement of the transaction
// goes through this package's helpers, which send the kept inserts first.
func WithLater(ctx context.Context) context.Context {
	return context.WithValue(ctx, laterKey{}, true)
}

// laterQueue is the inserts a transaction keeps, in order, with their arguments.
type laterQueue struct {
	stmts []string
	args  []any
}

// laterQueues holds the queue of each open transaction that keeps inserts.
var laterQueues sync.Map

// keepLater gives tx a queue when ctx asks for one on PostgreSQL, and answers the
// function that forgets it once the transaction ends.
func (d *DB) keepLater(ctx context.Context, tx Tx) func() {
	if d.Dialect != Postgres || ctx.Value(laterKey{}) == nil {
		return func() {}
	}
	laterQueues.Store(tx, &laterQueue{})
	return func() { laterQueues.Delete(tx) }
}

// Later runs an INSERT … VALUES statement on q whose result nobody needs: at once,
// unless q is a transaction keeping inserts (WithLater), which sends it with the
// others it keeps. Its errors then surface from the statement that sends them.
func Later(ctx context.Context, q Q, query string, args ...any) error {
	lq := queueOf(q)
	if lq == nil {
		return Exec(ctx, q, query, args...)
	}
	lq.stmts = append(lq.stmts, query)
	lq.args = append(lq.args, args...)
	return nil
}

// queueOf is q's queue of kept inserts, nil when it keeps none.
func queueOf(q Q) *laterQueue {
	tx, ok := q.(Tx)
	if !ok {
		return nil
	}
	v, ok := laterQueues.Load(tx)
	if !ok {
		return nil
	}
	return v.(*laterQueue)
}

// sendLater sends the inserts q keeps, if any, as one statement.
func sendLater(ctx context.Context, q Q) error {
	lq := queueOf(q)
	if lq == nil || len(lq.stmts) == 0 {
		return nil
	}
	query, args := joinLater(lq.stmts), lq.args
	lq.stmts, lq.args = nil, nil
	_, err := q.ExecContext(ctx, q.Rebind(query), args...)
	return Map(err)
}

// joinLater makes one statement of stmts: all but the last as data-modifying WITH
// queries, which PostgreSQL runs to completion though nothing reads them.
func joinLater(stmts []string) string {
	if len(stmts) == 1 {
		return stmts[0]
	}
	var b strings.Builder
	b.WriteString("WITH ")
	for i, s := range stmts[:len(stmts)-1] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("later_" + strconv.Itoa(i) + " AS (" + s + ")")
	}
	b.WriteString(" " + stmts[len(stmts)-1])
	return b.String()
}
