package inventory_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type page struct {
	Items []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"items"`
	Next string `json:"next_cursor"`
}

// walk follows a list's pages and returns every id in order.
func (k *kit) walk(path string) []string {
	k.t.Helper()
	var ids []string
	cursor := ""
	for range 10 {
		var p page
		k.nurse.Do(http.MethodGet, path+"&limit=2&cursor="+cursor, nil).Decode(k.t, &p)
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		if cursor = p.Next; cursor == "" {
			return ids
		}
	}
	k.t.Fatal("the pages never end")
	return nil
}

// Lists page without gaps or repeats and answer without their optional filters.
func TestListsPageWithoutGapsAndFiltersAreOptional(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		for _, name := range []string{"Cups", "Apron", "Bib", "Tissue", "Mirror"} {
			item := k.item(name, map[string]any{"category": "household", "board": "front_desk"})
			k.receive(k.storage, item, 5, "", "")
		}
		if items := k.walk("/api/v1/inventory/items?board=front_desk"); len(items) != 5 {
			t.Fatalf("items: %d, want 5", len(items))
		}
		moves := k.walk("/api/v1/inventory/moves?branch_id=" + k.f.Branch.ID)
		seen := map[string]bool{}
		for _, id := range moves {
			seen[id] = true
		}
		if len(moves) != 5 || len(seen) != 5 {
			t.Fatalf("moves: %v", moves)
		}
		var stock struct {
			Items []stockRow `json:"items"`
		}
		k.nurse.Do(http.MethodGet, "/api/v1/inventory/stock?branch_id="+k.f.Branch.ID, nil).Decode(t, &stock)
		if len(stock.Items) != 5 {
			t.Fatalf("stock rows: %d, want 5", len(stock.Items))
		}
	})
}
