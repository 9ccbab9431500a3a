package monitoring_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Bad sources are refused naming the field; the token is never answered.
func TestSourceInputs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		google := func(change map[string]any) map[string]any {
			b := map[string]any{"branch_id": k.branch, "kind": "google", "account_id": "1", "location_id": "2",
				"access_token": "secret-token"}
			for key, v := range change {
				if v == nil {
					delete(b, key)
				} else {
					b[key] = v
				}
			}
			return b
		}
		cases := []struct {
			body  map[string]any
			field string
		}{
			{google(map[string]any{"kind": nil}), "kind"},
			{google(map[string]any{"kind": "facebook"}), "kind"},
			{google(map[string]any{"access_token": nil}), "access_token"},
			{google(map[string]any{"location_id": ""}), "location_id"},
			{google(map[string]any{"site": "yandex"}), "site"},
			{google(map[string]any{"base_url": "ftp://example.com"}), "base_url"},
			{google(map[string]any{"branch_id": "nope"}), "branch_id"},
			{google(map[string]any{"branch_id": nil}), "branch_id"},
			{google(map[string]any{"token": "x"}), "token"},
			{map[string]any{"branch_id": k.branch, "kind": "import"}, "site"},
			{map[string]any{"branch_id": k.branch, "kind": "import", "site": "reco", "access_token": "x"}, "access_token"},
		}
		for _, c := range cases {
			refused(t, k.owner.Do(http.MethodPost, "/api/v1/reviews/sources", c.body), http.StatusBadRequest, c.field)
		}
		r := k.owner.Do(http.MethodPost, "/api/v1/reviews/sources", google(nil))
		if r.Status != http.StatusCreated || strings.Contains(string(r.Body), "secret-token") {
			t.Fatalf("created: %d %s", r.Status, r.Body)
		}
		refused(t, k.owner.Do(http.MethodPost, "/api/v1/reviews/sources", google(nil)), http.StatusConflict, "review_source_exists")
		list := k.owner.Do(http.MethodGet, "/api/v1/reviews/sources?branch_id="+k.branch, nil)
		if list.Status != http.StatusOK || strings.Contains(string(list.Body), "secret-token") ||
			!strings.Contains(string(list.Body), `"has_token":true`) {
			t.Fatalf("list: %d %s", list.Status, list.Body)
		}
		refused(t, k.nurse.Do(http.MethodPost, "/api/v1/reviews/sources", google(nil)), http.StatusForbidden, "forbidden")
		q := "/api/v1/reviews?branch_id=" + k.branch
		refused(t, k.nurse.Do(http.MethodGet, q+"&status=open", nil), http.StatusBadRequest, "status")
		refused(t, k.nurse.Do(http.MethodGet, q+"&cursor=xyz", nil), http.StatusBadRequest, "cursor")
		refused(t, k.nurse.Do(http.MethodGet, "/api/v1/reviews", nil), http.StatusBadRequest, "branch_id")
	})
}

// A doctor of another branch sees none of the branch's reviews; its own nurse does.
func TestStaffOfAnotherBranchIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("reco")
		k.importJSON(src.ID, row("x", 3, day(1, 10)))
		id := k.byExternal("x").ID
		refused(t, k.outside.Do(http.MethodGet, "/api/v1/reviews?branch_id="+k.branch, nil), http.StatusBadRequest, "branch_id")
		refused(t, k.outside.Do(http.MethodGet, "/api/v1/reviews/"+id, nil), http.StatusNotFound, "review_not_found")
		if r := k.nurse.Do(http.MethodGet, "/api/v1/reviews/"+id, nil); r.Status != http.StatusOK {
			t.Fatalf("the branch's nurse: %d %s", r.Status, r.Body)
		}
		refused(t, k.outside.Do(http.MethodPost, "/api/v1/reviews/sources/"+src.ID+"/import",
			map[string]any{"reviews": []any{row("y", 3, day(1, 10))}}), http.StatusForbidden, "forbidden")
	})
}
