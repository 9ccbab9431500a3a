package schedule_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type schSlot struct {
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Doctors []string `json:"doctors"`
}

type schAvailability struct {
	TimeZone string `json:"time_zone"`
	Days     []struct {
		Date  string    `json:"date"`
		Slots []schSlot `json:"slots"`
	} `json:"days"`
	Doctors []struct {
		ID          string  `json:"id"`
		DisplayName string  `json:"display_name"`
		PhotoURL    *string `json:"photo_url"`
	} `json:"doctors"`
	NextAvailable *schSlot `json:"next_available"`
}

// availabilityPath asks for the fixture's service from a local date for days.
func (f *schAPI) availabilityPath(prefix, from, days string, extra ...string) string {
	q := url.Values{"branch_id": {f.branch.ID}, "service_id": {f.svc.ID}, "from": {from}, "days": {days}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return prefix + "?" + q.Encode()
}

// everyoneWorks gives both doctors 08:00–20:00 every day through the API, and returns
// a local date a week ahead that opens three days on which the branch is open (a week
// ahead may be a holiday; tests read three days, or the day after).
func (f *schAPI) everyoneWorks() string {
	for i := range f.docs {
		var ivs []any
		for wd := 1; wd <= 7; wd++ {
			ivs = append(ivs, f.interval(wd, "08:00", "20:00"))
		}
		schExpect(f.t, f.owner.Do(http.MethodPut, f.schedulePath(i), map[string]any{"intervals": ivs}), http.StatusOK, "", "")
	}
	return f.env.OpenDays(f.branch.ID, f.env.Clock.Now().AddDate(0, 0, 7), 3, f.loc).Format(time.DateOnly)
}

func TestPublicAvailabilityAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		day := f.everyoneWorks()
		r := f.env.Anonymous().Do(http.MethodGet, f.availabilityPath("/api/v1/public/availability", day, "2"), nil)
		schExpect(t, r, http.StatusOK, "", "")
		var a schAvailability
		r.Decode(t, &a)
		if a.TimeZone != "Europe/Warsaw" || len(a.Days) != 2 || a.Days[0].Date != day || a.NextAvailable != nil ||
			len(a.Doctors) != 2 || a.Doctors[0].PhotoURL != nil || a.Doctors[0].DisplayName == "" {
			t.Fatalf("answer %s", r.Body)
		}
		first := a.Days[0].Slots[0]
		start, _ := time.Parse(time.RFC3339, first.Start)
		end, _ := time.Parse(time.RFC3339, first.End)
		if start.In(f.loc).Format(time.RFC3339) != first.Start || start.In(f.loc).Format("15:04") != "08:00" ||
			end.Sub(start) != 30*time.Minute || len(first.Doctors) != 2 || len(a.Days[0].Slots) != 47 {
			t.Fatalf("first slot %+v of %d", first, len(a.Days[0].Slots))
		}
		one := f.availabilityPath("/api/v1/public/availability", day, "1", "doctor_id", f.docs[1].ID)
		f.env.Anonymous().Do(http.MethodGet, one, nil).Decode(t, &a)
		if len(a.Doctors) != 1 || !slices.Equal(a.Days[0].Slots[0].Doctors, []string{f.docs[1].ID}) {
			t.Fatalf("one doctor: %+v", a)
		}
		// A signed-in nurse of no branch gets the same public answer.
		nurse := f.env.SignIn(actor.Nurse)
		schExpect(t, nurse.Do(http.MethodGet, one, nil), http.StatusOK, "", "")
	})
}

func TestPublicAvailabilityAPIBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		day := f.everyoneWorks()
		other := schNeed(f.env.Clinic.CreateProcedure(context.Background(), clinic.ProcedureInput{Code: "xray",
			Names: map[string]string{"en": "X-ray"}, DurationMinutes: 15, PriceMinor: 100, Currency: "PLN"}))(t)
		unknown := "0190aaaa-0000-7000-8000-00000000ffff"
		p := "/api/v1/public/availability"
		cases := []struct {
			path        string
			status      int
			code, field string
		}{
			{f.availabilityPath(p, day, "32"), http.StatusBadRequest, "validation_failed", "days"},
			{f.availabilityPath(p, day, "0"), http.StatusBadRequest, "validation_failed", "days"},
			{f.availabilityPath(p, day, "seven"), http.StatusBadRequest, "validation_failed", "days"},
			{f.availabilityPath(p, "2026-02-30", "1"), http.StatusBadRequest, "validation_failed", "from"},
			{f.availabilityPath(p, "next monday", "1"), http.StatusBadRequest, "validation_failed", "from"},
			{f.availabilityPath(p, day, "1", "branch_id", "centrum"), http.StatusBadRequest, "validation_failed", "branch_id"},
			{f.availabilityPath(p, day, "1", "branch_id", unknown), http.StatusNotFound, "branch_not_found", ""},
			{f.availabilityPath(p, day, "1", "service_id", unknown), http.StatusNotFound, "service_not_found", ""},
			{f.availabilityPath(p, day, "1", "doctor_id", unknown), http.StatusNotFound, "doctor_not_found", ""},
			{f.availabilityPath(p, day, "1", "service_id", other.ID, "doctor_id", f.docs[0].ID), http.StatusUnprocessableEntity, "doctor_does_not_perform_service", ""},
			{"/api/v1/public/availability?branch_id=" + f.branch.ID, http.StatusBadRequest, "validation_failed", "service_id"},
		}
		for _, c := range cases {
			schExpect(t, f.env.Anonymous().Do(http.MethodGet, c.path, nil), c.status, c.code, c.field)
		}
	})
}

func TestAvailabilityAPINextAvailableAndStaff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		day := f.everyoneWorks()
		closures := "/api/v1/branches/" + f.branch.ID + "/closures"
		schExpect(t, f.owner.Do(http.MethodPost, closures, map[string]any{"date": day}), http.StatusCreated, "", "")
		var a schAvailability
		f.env.Anonymous().Do(http.MethodGet, f.availabilityPath("/api/v1/public/availability", day, "1"), nil).Decode(t, &a)
		if len(a.Days[0].Slots) != 0 || a.NextAvailable == nil {
			t.Fatalf("closed day: %+v next %v", a.Days, a.NextAvailable)
		}
		next, _ := time.Parse(time.RFC3339, a.NextAvailable.Start)
		closed, _ := time.ParseInLocation(time.DateOnly, day, f.loc)
		if want := closed.AddDate(0, 0, 1).Format(time.DateOnly) + " 08:00"; next.In(f.loc).Format("2006-01-02 15:04") != want {
			t.Fatalf("next available %s, want %s", a.NextAvailable.Start, want)
		}
		staff := f.availabilityPath("/api/v1/availability", f.env.Clock.Now().In(f.loc).Format(time.DateOnly), "1")
		schExpect(t, f.env.Anonymous().Do(http.MethodGet, staff, nil), http.StatusUnauthorized, "", "")
		schExpect(t, f.docAPI[0].Do(http.MethodGet, staff, nil), http.StatusOK, "", "")
		// Staff see today without the 2-hour notice: a slot may start within it, never in the past.
		var today schAvailability
		f.owner.Do(http.MethodGet, staff, nil).Decode(t, &today)
		for _, s := range today.Days[0].Slots {
			if at, _ := time.Parse(time.RFC3339, s.Start); at.Before(f.env.Clock.Now()) {
				t.Fatalf("staff offered a past time %s", s.Start)
			}
		}
	})
}
