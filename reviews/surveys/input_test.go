package surveys_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Every bad set of review links is a 400 naming its field; nothing is stored.
func TestReviewLinksRefuseBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		path := "/api/v1/surveys/review-links?branch_id=" + k.branch.ID
		link := func(site, url string) map[string]any { return map[string]any{"site": site, "url": url} }
		google := link("google", "https://g.page/r/centrum/review")
		for name, c := range map[string]struct {
			body  any
			field string
		}{
			"links missing":        {map[string]any{}, "links"},
			"links null":           {map[string]any{"links": nil}, "links"},
			"http, not https":      {map[string]any{"links": []any{link("google", "http://g.page/r/centrum")}}, "links[0].url"},
			"a script":             {map[string]any{"links": []any{google, link("other", "javascript:alert(1)")}}, "links[1].url"},
			"no host":              {map[string]any{"links": []any{link("reco", "https:///path")}}, "links[0].url"},
			"a user name":          {map[string]any{"links": []any{link("reco", "https://me@reco.se/centrum")}}, "links[0].url"},
			"a space":              {map[string]any{"links": []any{link("reco", "https://reco.se/a b")}}, "links[0].url"},
			"not a URL":            {map[string]any{"links": []any{link("trustpilot", "trustpilot")}}, "links[0].url"},
			"empty URL":            {map[string]any{"links": []any{link("trustpilot", "")}}, "links[0].url"},
			"too long":             {map[string]any{"links": []any{link("other", "https://x.test/"+strings.Repeat("a", 500))}}, "links[0].url"},
			"unknown site":         {map[string]any{"links": []any{link("facebook", "https://facebook.com/centrum")}}, "links[0].site"},
			"site given twice":     {map[string]any{"links": []any{google, google}}, "links[1].site"},
			"no site":              {map[string]any{"links": []any{map[string]any{"url": "https://g.page/x"}}}, "links[0].site"},
			"unknown field":        {map[string]any{"links": []any{google}, "primary": "google"}, "primary"},
			"a link of wrong type": {map[string]any{"links": []any{"https://g.page/x"}}, "links"},
			"eleven links":         {map[string]any{"links": eleven()}, "links"},
		} {
			t.Run(name, func(t *testing.T) {
				refused(t, k.owner.Do(http.MethodPut, path, c.body), http.StatusBadRequest, c.field)
			})
		}
		if n := k.count(`SELECT COUNT(*) FROM branch_review_links`); n != 0 {
			t.Errorf("refused links stored: %d", n)
		}
		refused(t, k.owner.Do(http.MethodPut, "/api/v1/surveys/review-links", map[string]any{"links": []any{}}), http.StatusBadRequest, "branch_id")
		refused(t, k.owner.Do(http.MethodPut, "/api/v1/surveys/review-links?branch_id="+uuid.NewString(),
			map[string]any{"links": []any{}}), http.StatusBadRequest, "branch_id")
		refused(t, k.admin.Do(http.MethodPut, path, map[string]any{"links": []any{}}), http.StatusForbidden, "forbidden")
	})
}

// Owners set the links (an empty list clears them) and any staff member reads them.
func TestReviewLinksAreSetAndRead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setLinks(map[string]any{"site": "yandex", "url": "https://yandex.ru/maps/org/centrum/1/reviews"},
			map[string]any{"site": "2gis", "url": "https://2gis.ru/firm/1"},
			map[string]any{"site": "other", "url": "https://a.example/x"}, map[string]any{"site": "other", "url": "https://b.example/y"})
		var out struct {
			Links []struct{ Site, URL string } `json:"links"`
		}
		nurse := k.env.SignIn(actor.Nurse, k.branch.ID)
		r := nurse.Do(http.MethodGet, "/api/v1/surveys/review-links?branch_id="+k.branch.ID, nil)
		r.Decode(t, &out)
		if r.Status != http.StatusOK || len(out.Links) != 4 || out.Links[0].Site != "yandex" || out.Links[3].URL != "https://b.example/y" {
			t.Errorf("read: %d %+v", r.Status, out)
		}
		k.setLinks()
		if n := k.count(`SELECT COUNT(*) FROM branch_review_links`); n != 0 {
			t.Errorf("an empty list left %d links", n)
		}
		other, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Wola", Address: "ul. Wolska 1",
			Phone: "+48221234568", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
			Hours: clinic.OpeningHours{clinic.Weekdays[0]: {{Open: "08:00", Close: "16:00"}}}})
		if err != nil {
			t.Fatal(err)
		}
		stranger := k.env.SignIn(actor.Nurse, other.ID)
		refused(t, stranger.Do(http.MethodGet, "/api/v1/surveys/review-links?branch_id="+k.branch.ID, nil), http.StatusBadRequest, "branch_id")
	})
}

func eleven() []any {
	out := make([]any, 11)
	for i := range out {
		out[i] = map[string]any{"site": "other", "url": "https://x.example/" + string(rune('a'+i))}
	}
	return out
}

// Bad filters of the list and the score are 400 naming the parameter.
func TestSurveyFiltersRefuseBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		b := "branch_id=" + k.branch.ID
		for query, field := range map[string]string{
			"":                                   "branch_id",
			"branch_id=centrum":                  "branch_id",
			b + "&from=2026-13-01":               "from",
			b + "&to=yesterday":                  "to",
			b + "&from=2026-05-10&to=2026-05-01": "to",
			b + "&doctor_id=anna":                "doctor_id",
		} {
			for _, route := range []string{"/api/v1/surveys", "/api/v1/surveys/nps"} {
				refused(t, k.owner.Do(http.MethodGet, route+"?"+query, nil), http.StatusBadRequest, field)
			}
		}
		refused(t, k.owner.Do(http.MethodGet, "/api/v1/surveys?"+b+"&limit=0", nil), http.StatusBadRequest, "limit")
		if r := k.owner.Do(http.MethodGet, "/api/v1/surveys?branch_id="+uuid.NewString(), nil); r.Status != http.StatusOK ||
			!strings.Contains(string(r.Body), `"items":[]`) {
			t.Errorf("a branch no one has: %d %s", r.Status, r.Body)
		}
		refused(t, k.owner.Do(http.MethodGet, "/api/v1/surveys?"+b+"&cursor=junk", nil), http.StatusBadRequest, "cursor")
	})
}
