package schedule_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// schLean is the lean answer: free times per day, one day's times, doctors by place.
type schLean struct {
	Doctors []struct {
		ID string `json:"id"`
	} `json:"doctors"`
	Days []struct {
		Date string `json:"date"`
		Free int    `json:"free"`
	} `json:"days"`
	Day *struct {
		Date  string `json:"date"`
		Times []struct {
			Start   string `json:"start"`
			Doctors []int  `json:"doctors"`
		} `json:"times"`
	} `json:"day"`
}

// TestLeanAvailabilityAgreesWithFull: the lean shape offers exactly the full shape's
// free times, with the same doctors at each, and counts each day's; a taken time is in
// neither.
func TestLeanAvailabilityAgreesWithFull(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		day := f.everyoneWorks()
		date, _ := time.ParseInLocation(time.DateOnly, day, f.loc)
		start := date.Add(10 * time.Hour)
		r := f.owner.Do(http.MethodPost, "/api/v1/appointments", map[string]any{"service_id": f.svc.ID,
			"doctor_id": f.docs[0].ID, "start": start.Format(time.RFC3339), "source": "phone",
			"patient": map[string]string{"first_name": "Jan", "last_name": "Kowalski", "phone": "+48 602 000 111"}})
		schExpect(t, r, http.StatusCreated, "", "")
		var full schAvailability
		f.env.Anonymous().Do(http.MethodGet, f.availabilityPath("/api/v1/public/availability", day, "3"), nil).Decode(t, &full)
		var month schLean
		f.env.Anonymous().Do(http.MethodGet, f.availabilityPath("/api/v1/public/availability", day, "3", "shape", "lean"), nil).Decode(t, &month)
		if len(month.Days) != 3 || month.Day != nil {
			t.Fatalf("lean month %+v", month)
		}
		taken := 0
		for i, fd := range full.Days {
			if month.Days[i].Date != fd.Date || month.Days[i].Free != len(fd.Slots) || len(fd.Slots) == 0 {
				t.Errorf("day %s: lean %+v, full has %d times", fd.Date, month.Days[i], len(fd.Slots))
			}
			var lean schLean
			path := f.availabilityPath("/api/v1/public/availability", day, "3", "shape", "lean", "day", fd.Date)
			f.env.Anonymous().Do(http.MethodGet, path, nil).Decode(t, &lean)
			if lean.Day == nil || lean.Day.Date != fd.Date || len(lean.Day.Times) != len(fd.Slots) {
				t.Fatalf("day %s: lean %+v, full has %d times", fd.Date, lean.Day, len(fd.Slots))
			}
			for j, s := range fd.Slots {
				lt := lean.Day.Times[j]
				var ids []string
				for _, k := range lt.Doctors {
					ids = append(ids, lean.Doctors[k].ID)
				}
				if lt.Start != s.Start || !slices.Equal(ids, s.Doctors) {
					t.Errorf("time %d of %s: lean %s %v, full %s %v", j, fd.Date, lt.Start, ids, s.Start, s.Doctors)
				}
				if s.Start == start.Format(time.RFC3339) {
					taken++
				}
			}
		}
		if taken != 0 { // the branch's only chair is taken then
			t.Errorf("the taken time offered %d times", taken)
		}
		out := f.availabilityPath("/api/v1/public/availability", day, "3", "shape", "lean", "day", "2001-01-01")
		schExpect(t, f.env.Anonymous().Do(http.MethodGet, out, nil), http.StatusUnprocessableEntity, "day_outside_range", "day")
		bad := f.availabilityPath("/api/v1/public/availability", day, "3", "shape", "thin")
		schExpect(t, f.env.Anonymous().Do(http.MethodGet, bad, nil), http.StatusBadRequest, "validation_failed", "shape")
	})
}
