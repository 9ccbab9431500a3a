package widget_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestHoldsSentFasterThanAPersonAreRejected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		s := k.freeSlot()
		anon := k.e.Anonymous()
		r := anon.Do(http.MethodPost, "/api/v1/public/holds", holdBody(s, "+48 601 234 567", 800))
		if r.Status != http.StatusUnprocessableEntity || r.Problem(t).Code != "rejected" {
			t.Fatalf("a form sent in 0.8 s: %d %s", r.Status, r.Body)
		}
		body := holdBody(s, "+48 601 234 567", 0)
		body["website"] = "http://spam.example"
		if r := anon.Do(http.MethodPost, "/api/v1/public/holds", body); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("honeypot: %d %s", r.Status, r.Body)
		}
		if r := anon.Do(http.MethodPost, "/api/v1/public/holds", holdBody(s, "+48 601 234 567", -1)); r.Status != http.StatusBadRequest {
			t.Errorf("negative elapsed_ms: %d %s", r.Status, r.Body)
		}
		if r := anon.Do(http.MethodPost, "/api/v1/public/holds", holdBody(s, "+48 601 234 567", 3500)); r.Status != http.StatusCreated {
			t.Errorf("a form sent in 3.5 s: %d %s", r.Status, r.Body)
		}
	})
}

func TestHoldsKeepToTheWidgetsBranch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		s := k.freeSlot()
		anon := k.e.Anonymous()
		other := "/api/v1/public/holds?branch_id=" + uuid.NewString()
		r := anon.Do(http.MethodPost, other, holdBody(s, "+48 601 234 567", 5000))
		if r.Status != http.StatusUnprocessableEntity || r.Problem(t).Code != "outside_working_time" {
			t.Errorf("a time at another branch: %d %s", r.Status, r.Body)
		}
		bad := anon.Do(http.MethodPost, "/api/v1/public/holds?branch_id=nope", holdBody(s, "+48 601 234 567", 5000))
		if bad.Status != http.StatusBadRequest || bad.Problem(t).Errors[0].Field != "branch_id" {
			t.Errorf("a malformed branch id: %d %s", bad.Status, bad.Body)
		}
		if r := anon.Do(http.MethodPost, "/api/v1/public/holds?branch_id="+k.branch, holdBody(s, "+48 601 234 567", 5000)); r.Status != http.StatusCreated {
			t.Errorf("the widget's own branch: %d %s", r.Status, r.Body)
		}
	})
}
