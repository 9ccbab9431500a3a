package messaging

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The provider-id lookups (a delivery report, the crash check) find their row through
// the partial outbox_provider index: the embedded SQLite infers provider_id IS NOT NULL
// from provider_id = ?, where older ones (3.40) scan the whole outbox instead.
func TestProviderLookupsUseThePartialIndex(t *testing.T) {
	d := dbtest.New(t)
	for name, q := range map[string]string{"report": selectByProviderID, "held": selectProviderIDHeld} {
		rows, err := d.R.Query("EXPLAIN QUERY PLAN "+q, "SM123", "row-1")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), "INDEX outbox_provider") {
			t.Errorf("%s: plan does not use outbox_provider:\n%s", name, plan.String())
		}
	}
}
