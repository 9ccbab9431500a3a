package messaging

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The outbox's partial indexes carry their readers: the provider-id lookups (a
// delivery report, the crash check) find their row through outbox_provider (the
// embedded SQLite infers provider_id IS NOT NULL from provider_id = ?, where older ones
// scan the whole outbox), and the claim walks outbox_due's pending messages in due
// order without sorting them.
func TestOutboxReadsUseThePartialIndexes(t *testing.T) {
	d := dbtest.New(t)
	cases := []struct {
		name, query, index string
		args               []any
		// inOrder: the index gives the rows in the statement's order, no sort.
		inOrder bool
	}{
		{"report", selectByProviderID, "outbox_provider", []any{"SM123"}, false},
		{"held", selectProviderIDHeld, "outbox_provider", []any{"SM123", "row-1"}, false},
		{"claim", claimDue, "outbox_due", []any{time.Now(), 50}, true},
	}
	for _, c := range cases {
		plan := explain(t, d.R.Query, c.query, c.args)
		if !strings.Contains(plan, "INDEX "+c.index) || c.inOrder && strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%s: plan does not walk %s (in order: %v):\n%s", c.name, c.index, c.inOrder, plan)
		}
	}
}

// explain is SQLite's query plan of query, one step a line.
func explain(t *testing.T, query func(string, ...any) (*sql.Rows, error), q string, args []any) string {
	t.Helper()
	rows, err := query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	return plan.String()
}
