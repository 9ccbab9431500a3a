package schedule_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// offeredBy answers the starts env offers on day (RFC 3339) and the doctors it names.
func (f *schAPI) offeredBy(env *apitest.Env, day string) (starts []string, doctors []string) {
	f.t.Helper()
	var a schAvailability
	r := env.Anonymous().Do(http.MethodGet, f.availabilityPath("/api/v1/public/availability", day, "1"), nil)
	schExpect(f.t, r, http.StatusOK, "", "")
	r.Decode(f.t, &a)
	for _, s := range a.Days[0].Slots {
		starts = append(starts, s.Start)
	}
	for _, d := range a.Doctors {
		doctors = append(doctors, d.ID)
	}
	return starts, doctors
}

// Two instances of the app over one database, each with its own caches: a time booked
// through one is not offered by the other once the booking is answered, and is offered
// again once it is cancelled; a chair changed, time off, a doctor taken out of booking and a closed day
// set through one hold on the other at once, for what it offers and for what it lets
// be booked. Both instances have answered for the day before, so each change has to
// reach a warm cache. The same on one SQLite file and on PostgreSQL.
func TestAnotherInstanceNeverOffersWhatOneBooked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newSchAPI(t, d)
		day := f.everyoneWorks()
		other := apitest.NewEnv(t, d)
		other.Clock.Advance(f.env.Clock.Now().Sub(other.Clock.Now()))
		date, _ := time.ParseInLocation(time.DateOnly, day, f.loc)
		at := date.Add(10 * time.Hour).Format(time.RFC3339)
		for _, env := range []*apitest.Env{f.env, other} {
			if starts, _ := f.offeredBy(env, day); !slices.Contains(starts, at) {
				t.Fatalf("%s not offered before the booking: %v", at, starts)
			}
		}
		book := func(env *apitest.Env, start string) *apitest.Response {
			return env.Anonymous().As(f.owner.Token).Do(http.MethodPost, "/api/v1/appointments", map[string]any{"service_id": f.svc.ID,
				"doctor_id": f.docs[0].ID, "start": start, "source": "phone",
				"patient": map[string]string{"first_name": "Jan", "last_name": "Kowalski", "phone": "+48 602 000 111"}})
		}
		// The other instance books once first, so its own check of working time is warm.
		schExpect(t, book(other, date.Add(15*time.Hour).Format(time.RFC3339)), http.StatusCreated, "", "")
		r := book(f.env, at)
		schExpect(t, r, http.StatusCreated, "", "")
		var booked struct {
			ID string `json:"id"`
		}
		r.Decode(t, &booked)
		if starts, _ := f.offeredBy(other, day); slices.Contains(starts, at) {
			t.Fatalf("the other instance offers %s, booked through the first (the branch's one chair)", at)
		}
		r = f.owner.Do(http.MethodPost, "/api/v1/appointments/"+booked.ID+"/cancel", map[string]any{"reason": "ill"})
		schExpect(t, r, http.StatusOK, "", "")
		if starts, _ := f.offeredBy(other, day); !slices.Contains(starts, at) {
			t.Fatalf("the other instance does not offer %s again after the cancellation", at)
		}
		// The branch's one chair loses what the service needs, through the first instance:
		// the other, whose chairs are warm from its own booking, books on it no longer.
		chair := "/api/v1/chairs/" + f.chair.ID
		schExpect(t, f.owner.Do(http.MethodPatch, chair, map[string]any{"capabilities": []string{}}), http.StatusOK, "", "")
		schExpect(t, book(other, at), http.StatusConflict, "no_chair_free", "")
		schExpect(t, f.owner.Do(http.MethodPatch, chair, map[string]any{"capabilities": []string{"general"}}), http.StatusOK, "", "")
		off := map[string]any{"kind": "time_off", "start": at, "end": date.Add(11 * time.Hour).Format(time.RFC3339)}
		for i := range f.docs {
			r = f.owner.Do(http.MethodPost, "/api/v1/doctors/"+f.docs[i].ID+"/exceptions", off)
			schExpect(t, r, http.StatusCreated, "", "")
		}
		if starts, _ := f.offeredBy(other, day); slices.Contains(starts, at) {
			t.Fatalf("the other instance offers %s, when both doctors took it off through the first", at)
		}
		schExpect(t, book(other, at), http.StatusUnprocessableEntity, "outside_working_time", "")
		r = f.owner.Do(http.MethodPost, "/api/v1/doctors/"+f.docs[1].ID+"/deactivate", nil)
		schExpect(t, r, http.StatusOK, "", "")
		if _, doctors := f.offeredBy(other, day); slices.Contains(doctors, f.docs[1].ID) || len(doctors) != 1 {
			t.Fatalf("the other instance still offers the deactivated doctor: %v", doctors)
		}
		closures := "/api/v1/branches/" + f.branch.ID + "/closures"
		schExpect(t, f.owner.Do(http.MethodPost, closures, map[string]any{"date": day}), http.StatusCreated, "", "")
		if starts, _ := f.offeredBy(other, day); len(starts) != 0 {
			t.Fatalf("the other instance offers %d times on a day the first closed", len(starts))
		}
	})
}
