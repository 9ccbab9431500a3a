package telephony_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad desk request is refused naming its field, and changes nothing.
func TestDeskRoutesRefuseBadInputNamingTheField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		cases := []struct {
			method, path string
			body         any
			status       int
			field        string
		}{
			{http.MethodPost, "/api/v1/phone-lines", map[string]any{"branch_id": k.branch, "provider": "skype"}, 400, "provider"},
			{http.MethodPost, "/api/v1/phone-lines", map[string]any{"branch_id": uuid.NewString(), "provider": "generic"}, 400, "branch_id"},
			{http.MethodPost, "/api/v1/phone-lines", map[string]any{"branch_id": k.branch, "provider": "mango", "secret": "s"}, 400, "api_key"},
			{http.MethodPost, "/api/v1/phone-lines", map[string]any{"branch_id": k.branch, "provider": "generic", "allowed_ips": []string{"not-an-ip"}}, 400, "allowed_ips"},
			{http.MethodPut, "/api/v1/phone-lines/" + k.lineID + "/extensions", map[string]any{"extensions": []map[string]string{{"extension": "101", "staff_id": uuid.NewString()}}}, 400, "extensions[0].staff_id"},
			{http.MethodPut, "/api/v1/phone-lines/" + k.lineID + "/extensions", map[string]any{"extensions": []map[string]string{{"extension": "", "staff_id": uuid.NewString()}}}, 400, "extensions[0].extension"},
			{http.MethodPut, "/api/v1/branches/" + k.branch + "/telephony", map[string]any{"short_abandon_seconds": 500, "callback_minutes": 15}, 400, "short_abandon_seconds"},
			{http.MethodPut, "/api/v1/branches/" + k.branch + "/telephony", map[string]any{"short_abandon_seconds": 5, "callback_minutes": 0}, 400, "callback_minutes"},
			{http.MethodGet, "/api/v1/calls?branch_id=" + k.branch + "&from=yesterday&to=2026-01-01T00:00:00Z", nil, 400, "from"},
			{http.MethodGet, "/api/v1/calls?branch_id=" + k.branch + "&from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", nil, 400, "to"},
			{http.MethodGet, "/api/v1/calls?branch_id=nope&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", nil, 400, "branch_id"},
			{http.MethodGet, "/api/v1/calls?branch_id=" + k.branch + "&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&limit=0", nil, 400, "limit"},
			{http.MethodGet, "/api/v1/calls/live", nil, 400, "branch_id"},
		}
		for _, c := range cases {
			r := k.owner.Do(c.method, c.path, c.body)
			p := r.Problem(t)
			if r.Status != c.status || len(p.Errors) == 0 || p.Errors[0].Field != c.field {
				t.Errorf("%s %s: %d %s, want %d naming %s", c.method, c.path, r.Status, r.Body, c.status, c.field)
			}
		}
		if r := k.owner.Do(http.MethodPost, "/api/v1/phone-lines/"+uuid.NewString()+"/revoke", nil); r.Status != http.StatusNotFound {
			t.Errorf("revoking no line: %d", r.Status)
		}
		var st struct {
			Short int `json:"short_abandon_seconds"`
		}
		k.owner.Do(http.MethodGet, "/api/v1/branches/"+k.branch+"/telephony", nil).Decode(t, &st)
		if st.Short != 5 {
			t.Errorf("refused settings changed the branch's: %+v", st)
		}
	})
}
