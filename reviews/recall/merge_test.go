package recall_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Merging two cards that each have a recall for the same service keeps one, the later,
// on the survivor; a recall only the duplicate had moves over.
func TestMergingCardsKeepsOneRecallPerServiceTheLater(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		survivor := k.visit(k.hygiene, "+48601000090")
		dup := k.visit(k.hygiene, "+48601000091")
		k.visit(k.f.Checkup, "+48601000091")
		var later string
		if err := db.Get(t.Context(), d.R, &later, `SELECT MAX(due_on) FROM recalls WHERE service_id = ?`, k.hygiene.ID); err != nil {
			t.Fatal(err)
		}
		r := k.owner.Do(http.MethodPost, "/api/v1/patients/"+survivor+"/merge", map[string]string{"duplicate_id": dup})
		bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		var rows []struct {
			ServiceID string `db:"service_id"`
			DueOn     string `db:"due_on"`
		}
		if err := db.Select(t.Context(), d.R, &rows, `SELECT service_id, due_on FROM recalls WHERE patient_id = ? ORDER BY service_id`, survivor); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, row := range rows {
			got[row.ServiceID] = row.DueOn
		}
		if len(rows) != 2 || got[k.hygiene.ID] != later || got[k.f.Checkup.ID] == "" {
			t.Errorf("survivor's recalls %+v, want hygiene due %s and the check-up's", rows, later)
		}
	})
}
