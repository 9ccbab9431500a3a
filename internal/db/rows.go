package db

import (
	"context"
	"slices"
	"strings"
)

// Rows is a statement of many rows, written whole but for their number: Head, then
// Row once per row (joined by commas), then Tail. The text of a value never enters it.
type Rows struct{ Head, Row, Tail string }

// ExecRows writes items through st on q, at most chunk rows a statement (one round
// trip where a statement a row made as many); args gives a row's arguments, in the
// order of st.Row's placeholders.
func ExecRows[T any](ctx context.Context, q Q, st Rows, items []T, chunk int, args func(T) []any) error {
	return execRows(ctx, q, st, items, chunk, args, Exec)
}

// LaterRows is ExecRows through Later: a transaction keeping inserts keeps these.
func LaterRows[T any](ctx context.Context, q Q, st Rows, items []T, chunk int, args func(T) []any) error {
	return execRows(ctx, q, st, items, chunk, args, Later)
}

type execFunc func(ctx context.Context, q Q, query string, args ...any) error

func execRows[T any](ctx context.Context, q Q, st Rows, items []T, chunk int, args func(T) []any, exec execFunc) error {
	for part := range slices.Chunk(items, chunk) {
		rows := make([]string, len(part))
		values := make([]any, 0, len(part)*strings.Count(st.Row, "?"))
		for i, it := range part {
			rows[i] = st.Row
			values = append(values, args(it)...)
		}
		if err := exec(ctx, q, st.Head+strings.Join(rows, ", ")+st.Tail, values...); err != nil {
			return err
		}
	}
	return nil
}
