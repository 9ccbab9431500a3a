package schedule_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestClosuresAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		path := "/api/v1/branches/" + f.branch.ID + "/closures"
		r := f.owner.Do(http.MethodPost, path, map[string]any{"date": "2026-12-25", "reason": "Christmas"})
		schExpect(t, r, http.StatusCreated, "", "")
		var c struct {
			ID   string `json:"id"`
			Date string `json:"date"`
		}
		r.Decode(t, &c)
		schExpect(t, f.owner.Do(http.MethodPost, path, map[string]any{"date": "2026-12-25"}), http.StatusConflict, "closure_exists", "")
		schExpect(t, f.owner.Do(http.MethodPost, path, map[string]any{"date": "25.12.2026"}), http.StatusBadRequest, "validation_failed", "date")
		schExpect(t, f.docAPI[0].Do(http.MethodPost, path, map[string]any{"date": "2026-12-26"}), http.StatusForbidden, "", "")
		schExpect(t, f.owner.Do(http.MethodPost, "/api/v1/branches/0190aaaa-0000-7000-8000-00000000ffff/closures",
			map[string]any{"date": "2026-12-26"}), http.StatusNotFound, "branch_not_found", "")
		var list struct {
			Items []struct {
				ID     string `json:"id"`
				Date   string `json:"date"`
				Source string `json:"source"`
			} `json:"items"`
		}
		f.docAPI[0].Do(http.MethodGet, path+"?from=2026-12-01", nil).Decode(t, &list)
		// The owner's Christmas closure, and Poland's public holidays around it.
		if len(list.Items) < 4 || list.Items[0].Date != "2026-12-24" || list.Items[0].Source != "holiday" || list.Items[0].ID != "" ||
			list.Items[1].Date != "2026-12-25" || list.Items[1].Source != "owner" || list.Items[1].ID != c.ID ||
			list.Items[2].Date != "2026-12-26" || list.Items[3].Date != "2027-01-01" {
			t.Fatalf("closures %+v", list)
		}
		schExpect(t, f.owner.Do(http.MethodGet, path+"?from=december", nil), http.StatusBadRequest, "", "from")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+c.ID, nil), http.StatusNoContent, "", "")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+c.ID, nil), http.StatusNotFound, "closure_not_found", "")
	})
}

func TestBookingRulesAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		path := "/api/v1/branches/" + f.branch.ID + "/booking-rules"
		var rules map[string]any
		f.docAPI[0].Do(http.MethodGet, path, nil).Decode(t, &rules)
		if rules["slot_step_minutes"] != 15.0 || rules["min_notice_minutes"] != 120.0 || rules["horizon_days"] != 60.0 ||
			rules["buffer_minutes"] != 10.0 || rules["change_window_minutes"] != 1440.0 || rules["hold_minutes"] != 10.0 {
			t.Fatalf("defaults %v", rules)
		}
		set := map[string]any{"slot_step_minutes": 20, "min_notice_minutes": 60, "horizon_days": 30, "buffer_minutes": 0,
			"change_window_minutes": 720, "hold_minutes": 5}
		schExpect(t, f.owner.Do(http.MethodPut, path, set), http.StatusOK, "", "")
		f.owner.Do(http.MethodGet, path, nil).Decode(t, &rules)
		if rules["slot_step_minutes"] != 20.0 || rules["buffer_minutes"] != 0.0 {
			t.Fatalf("stored %v", rules)
		}
		for field, v := range map[string]any{"slot_step_minutes": 3, "horizon_days": 400, "hold_minutes": 0, "buffer_minutes": -1} {
			body := map[string]any{}
			for k, x := range set {
				body[k] = x
			}
			body[field] = v
			schExpect(t, f.owner.Do(http.MethodPut, path, body), http.StatusBadRequest, "validation_failed", field)
		}
		delete(set, "hold_minutes")
		schExpect(t, f.owner.Do(http.MethodPut, path, set), http.StatusBadRequest, "validation_failed", "hold_minutes")
		schExpect(t, f.docAPI[0].Do(http.MethodPut, path, set), http.StatusForbidden, "", "")

		svcPath := "/api/v1/services/" + f.svc.ID + "/booking-rules"
		f.owner.Do(http.MethodGet, svcPath, nil).Decode(t, &rules)
		if rules["slot_step_minutes"] != nil || rules["service_id"] != f.svc.ID {
			t.Fatalf("no overrides yet: %v", rules)
		}
		schExpect(t, f.owner.Do(http.MethodPut, svcPath, map[string]any{"slot_step_minutes": 30, "buffer_minutes": nil}), http.StatusOK, "", "")
		f.owner.Do(http.MethodGet, svcPath, nil).Decode(t, &rules)
		if rules["slot_step_minutes"] != 30.0 || rules["buffer_minutes"] != nil {
			t.Fatalf("overrides %v", rules)
		}
		schExpect(t, f.owner.Do(http.MethodPut, svcPath, map[string]any{"min_notice_minutes": 50000}), http.StatusBadRequest, "", "min_notice_minutes")
		schExpect(t, f.owner.Do(http.MethodPut, "/api/v1/services/0190aaaa-0000-7000-8000-00000000ffff/booking-rules",
			map[string]any{}), http.StatusNotFound, "service_not_found", "")
	})
}

func TestOpenDaysAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		path := "/api/v1/branches/" + f.branch.ID + "/open-days"
		r := f.owner.Do(http.MethodPost, path, map[string]any{"date": "2026-12-24", "reason": "emergencies"})
		schExpect(t, r, http.StatusCreated, "", "")
		var o struct {
			ID string `json:"id"`
		}
		r.Decode(t, &o)
		schExpect(t, f.owner.Do(http.MethodPost, path, map[string]any{"date": "2026-12-24"}), http.StatusConflict, "open_day_exists", "")
		schExpect(t, f.owner.Do(http.MethodPost, path, map[string]any{"date": "24.12.2026"}), http.StatusBadRequest, "validation_failed", "date")
		schExpect(t, f.docAPI[0].Do(http.MethodPost, path, map[string]any{"date": "2026-12-26"}), http.StatusForbidden, "", "")
		var list struct {
			Items []struct {
				Date string `json:"date"`
			} `json:"items"`
		}
		f.docAPI[0].Do(http.MethodGet, path+"?from=2026-12-01", nil).Decode(t, &list)
		if len(list.Items) != 1 || list.Items[0].Date != "2026-12-24" {
			t.Fatalf("open days %+v", list)
		}
		var closures struct {
			Items []struct {
				Date string `json:"date"`
			} `json:"items"`
		}
		f.owner.Do(http.MethodGet, "/api/v1/branches/"+f.branch.ID+"/closures?from=2026-12-20", nil).Decode(t, &closures)
		if len(closures.Items) == 0 || closures.Items[0].Date != "2026-12-25" {
			t.Fatalf("an opened holiday is still closed: %+v", closures)
		}
		schExpect(t, f.owner.Do(http.MethodGet, path+"?from=december", nil), http.StatusBadRequest, "", "from")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+o.ID, nil), http.StatusNoContent, "", "")
		schExpect(t, f.owner.Do(http.MethodDelete, path+"/"+o.ID, nil), http.StatusNotFound, "open_day_not_found", "")
	})
}
