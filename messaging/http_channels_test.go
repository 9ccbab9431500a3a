package messaging_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestPutChannelsRequiresTheListAndOnlyAnEmptyOneClears(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.useFakes(nil)
		owner := k.env.As(actor.Owner)
		path := "/api/v1/branches/" + k.branch.ID + "/channels"
		for _, body := range []string{`{}`, `{"channels": null}`} {
			r := owner.Raw(http.MethodPut, path, "application/json", []byte(body))
			if r.Status != http.StatusBadRequest {
				t.Fatalf("%s: %d %s", body, r.Status, r.Body)
			}
			if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "channels" || p.Errors[0].Code != "required" {
				t.Errorf("%s: %+v", body, p)
			}
			if n := k.stored(); n != 3 {
				t.Errorf("%s: %d channels left, want the 3 configured", body, n)
			}
		}
		if r := owner.Raw(http.MethodPut, path, "application/json", []byte(`{"channels": []}`)); r.Status != http.StatusOK {
			t.Fatalf("empty list: %d %s", r.Status, r.Body)
		}
		if n := k.stored(); n != 0 {
			t.Errorf("empty list left %d channels", n)
		}
	})
}

// stored counts the branch's channels as the service reads them.
func (k *kit) stored() int {
	k.t.Helper()
	list, err := k.env.Messages.BranchChannels(context.Background(), k.branch.ID)
	if err != nil {
		k.t.Fatal(err)
	}
	return len(list)
}
