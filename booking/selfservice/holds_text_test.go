package selfservice_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// TestHoldRefusesControlCharacters: a NUL once reached PostgreSQL (a 500) or was
// stored on SQLite, and a hold with a NUL in the name could never be verified. Each
// such hold is now a 400 naming the field, and nothing is stored.
func TestHoldRefusesControlCharacters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		cases := []struct {
			name, field string
			edit        func(body, patient map[string]any)
		}{
			{"NUL in the complaint", "complaint", func(b, _ map[string]any) { b["complaint"] = "pain\x00" }},
			{"NUL in the name", "patient.first_name", func(_, p map[string]any) { p["first_name"] = "An\x00na" }},
			{"line break in the name", "patient.last_name", func(_, p map[string]any) { p["last_name"] = "Nowak\nX-Injected: 1" }},
			{"bell in the phone", "patient.phone", func(_, p map[string]any) { p["phone"] = "+48600100200\a" }},
		}
		for _, c := range cases {
			body := k.holdBody(0, k.At(10, 0), phoneN(1))
			c.edit(body, body["patient"].(map[string]any))
			r := k.anon.Do(http.MethodPost, "/api/v1/public/holds", body)
			if p := r.Problem(t); r.Status != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Field != c.field {
				t.Errorf("%s: %d %s", c.name, r.Status, r.Body)
			}
		}
		for _, table := range []string{"appointments", "patients", "outbox"} {
			if n := k.count(`SELECT COUNT(*) FROM ` + table); n != 0 {
				t.Errorf("refused holds left %d rows in %s", n, table)
			}
		}
	})
}

// TestHoldComplaintKeepsLineBreaks: the complaint is free text, so a patient's
// multi-line description is held, verified and kept as written.
func TestHoldComplaintKeepsLineBreaks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		complaint := "Ból zęba od wtorku.\nGorzej w nocy,\r\n\tpo lewej."
		body := k.holdBody(0, k.At(10, 0), phoneN(1))
		body["complaint"] = complaint
		h := k.hold(body)
		if r := k.verify(h.HoldID, k.code(phoneN(1), h.HoldID)); r.Status != http.StatusOK {
			t.Fatalf("verify: %d %s", r.Status, r.Body)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE complaint = ?`, complaint); n != 1 {
			t.Fatalf("complaint stored %d times as written", n)
		}
	})
}
