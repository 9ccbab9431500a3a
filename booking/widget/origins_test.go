package widget_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type originsOut struct {
	BranchID string   `json:"branch_id"`
	Origins  []string `json:"origins"`
}

func (k *kit) setOrigins(origins ...string) originsOut {
	k.t.Helper()
	r := k.owner.Do(http.MethodPut, "/api/v1/branches/"+k.branch+"/widget-origins", map[string]any{"origins": append([]string{}, origins...)})
	if r.Status != http.StatusOK {
		k.t.Fatalf("put origins: %d %s", r.Status, r.Body)
	}
	var out originsOut
	r.Decode(k.t, &out)
	return out
}

func TestOwnerSetsTheWebsitesOfABranch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		got := k.setOrigins("HTTPS://Clinic.Example:443/", "http://localhost:3000", "https://clinic.example")
		want := []string{"http://localhost:3000", "https://clinic.example"}
		if !slices.Equal(got.Origins, want) || got.BranchID != k.branch {
			t.Errorf("stored %+v, want %v", got, want)
		}
		var read originsOut
		k.owner.Do(http.MethodGet, "/api/v1/branches/"+k.branch+"/widget-origins", nil).Decode(t, &read)
		if !slices.Equal(read.Origins, want) {
			t.Errorf("read back %v, want %v", read.Origins, want)
		}
		if got := k.setOrigins(); len(got.Origins) != 0 {
			t.Errorf("emptied list: %v", got.Origins)
		}
	})
}

func TestBadOriginsAreRefusedByTheirPlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setOrigins("https://kept.example")
		path := "/api/v1/branches/" + k.branch + "/widget-origins"
		bad := []string{"https://ok.example", "ftp://files.example", "https://clinic.example/booking", "*",
			"https://user@clinic.example", "clinic.example", "https://clinic.example?x=1"}
		r := k.owner.Do(http.MethodPut, path, map[string]any{"origins": bad})
		p := r.Problem(t)
		if r.Status != http.StatusBadRequest || len(p.Errors) != len(bad)-1 || p.Errors[0].Field != "origins[1]" {
			t.Fatalf("bad origins: %d %+v", r.Status, p)
		}
		var read originsOut
		k.owner.Do(http.MethodGet, path, nil).Decode(t, &read)
		if !slices.Equal(read.Origins, []string{"https://kept.example"}) {
			t.Errorf("a refused list changed the stored one: %v", read.Origins)
		}
		many := make([]string, 21)
		for i := range many {
			many[i] = "https://" + uuid.NewString() + ".example"
		}
		if r := k.owner.Do(http.MethodPut, path, map[string]any{"origins": many}); r.Status != http.StatusBadRequest {
			t.Errorf("21 origins: %d", r.Status)
		}
		for _, body := range []any{map[string]any{}, map[string]any{"origins": "https://x.example"}} {
			if r := k.owner.Do(http.MethodPut, path, body); r.Status != http.StatusBadRequest {
				t.Errorf("body %v: %d", body, r.Status)
			}
		}
		unknown := "/api/v1/branches/" + uuid.NewString() + "/widget-origins"
		if r := k.owner.Do(http.MethodGet, unknown, nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown branch: %d", r.Status)
		}
	})
}
