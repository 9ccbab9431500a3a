package inventory_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// completeVisit books a check-up with doctor i at hh:00, takes it through to completed
// and delivers its events; it returns the visit and the location its materials leave.
func (k *kit) completeVisit(i, hh int, phone string) (visit.Visit, string) {
	k.t.Helper()
	f := k.f
	admin := f.Env.As(actor.Admin)
	id := bookingtest.DecodeID(k.t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(i, f.Checkup, f.At(hh, 0), phone)))
	path := "/api/v1/appointments/" + id
	for _, step := range []string{"confirm", "check-in"} {
		bookingtest.ExpectStatus(k.t, admin.Do(http.MethodPost, path+"/"+step, nil), http.StatusOK, "")
	}
	bookingtest.ExpectStatus(k.t, f.DoctorAPI[i].Do(http.MethodPost, path+"/seat", map[string]string{"override_reason": "signed on paper"}), http.StatusOK, "")
	bookingtest.ExpectStatus(k.t, f.DoctorAPI[i].Do(http.MethodPost, path+"/complete", nil), http.StatusOK, "")
	k.deliver()
	v, err := f.Env.Booking.Get(context.Background(), id)
	if err != nil {
		k.t.Fatal(err)
	}
	if v.ChairID == f.General[0].ID {
		return v, k.operatory
	}
	return v, k.clinical
}

func (k *kit) deliver() {
	k.t.Helper()
	for {
		n, err := k.f.Env.Events.RunOnce(context.Background())
		if err != nil {
			k.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func (k *kit) materials(path string, body map[string]any) {
	k.t.Helper()
	bookingtest.ExpectStatus(k.t, k.nurse.Do(http.MethodPut, path, body), http.StatusOK, "")
}

// A completed check-up takes its bill of materials from its chair's location: the
// first-expiring lot first, expired lots skipped, once however often its event comes;
// the lot then leads to the patient, and the doctor's actual amounts correct it.
func TestACompletedVisitConsumesItsMaterialsOnceFirstExpiringFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		composite := k.item("Composite A2", map[string]any{"unit": "capsule", "pack_size": 20, "lot_tracked": true, "expiry_tracked": true})
		gloves := k.item("Gloves S", map[string]any{"category": "household", "pack_size": 100})
		k.materials("/api/v1/inventory/services/"+k.f.Checkup.ID+"/materials", map[string]any{"materials": []map[string]any{
			{"item_id": composite, "quantity": 2}, {"item_id": gloves, "quantity": 4}}})
		// Doctor 1 uses more gloves; doctor 0 keeps the service's list.
		k.materials("/api/v1/inventory/services/"+k.f.Checkup.ID+"/doctors/"+k.f.Doctors[1].ID+"/materials",
			map[string]any{"materials": []map[string]any{{"item_id": gloves, "quantity": 6}}})
		for _, loc := range []string{k.operatory, k.clinical} {
			k.receive(loc, composite, 5, "OLD", "2020-01-31")
			k.receive(loc, composite, 1, "SOON", "2099-01-31")
			k.receive(loc, composite, 10, "LATER", "2099-06-30")
			k.receive(loc, gloves, 100, "", "")
		}
		v, loc := k.completeVisit(0, 10, "+48601000001")
		want := map[string]int64{"OLD": 5, "SOON": 0, "LATER": 9}
		if got := k.onHand(loc, composite); got["OLD"] != 5 || got["SOON"] != 0 || got["LATER"] != 9 {
			t.Fatalf("composite after the visit: %v, want %v", got, want)
		}
		if got := sum(k.onHand(loc, gloves)); got != 96 {
			t.Fatalf("gloves: %d, want 96", got)
		}
		// The event delivered again (a retried job) takes nothing more.
		if err := k.f.Env.Inventory.OnEvent(context.Background(), visit.Event{VisitID: v.ID, Kind: visit.EventCompleted}); err != nil {
			t.Fatal(err)
		}
		if got := sum(k.onHand(loc, gloves)); got != 96 {
			t.Fatalf("gloves after a second delivery: %d, want 96", got)
		}
		k.checkLotTrace(composite, loc, v)
		k.checkActual(v, loc, composite, gloves)
		_, loc1 := k.completeVisit(1, 12, "+48601000002")
		before := int64(98)
		if loc1 != loc {
			before = 100
		}
		if got := sum(k.onHand(loc1, gloves)); got != before-6 {
			t.Fatalf("doctor 1's gloves: %d left, want %d", got, before-6)
		}
	})
}

// checkLotTrace: the lot the visit used leads to its patient; the expired one to no one.
func (k *kit) checkLotTrace(composite, loc string, v visit.Visit) {
	k.t.Helper()
	lots := k.lotIDs(loc, composite)
	var out struct {
		Items []struct {
			AppointmentID string `json:"appointment_id"`
			PatientID     string `json:"patient_id"`
			Quantity      int64  `json:"quantity"`
		} `json:"items"`
	}
	k.nurse.Do(http.MethodGet, "/api/v1/inventory/lots/"+lots["LATER"]+"/patients", nil).Decode(k.t, &out)
	if len(out.Items) != 1 || out.Items[0].AppointmentID != v.ID || out.Items[0].PatientID != *v.PatientID || out.Items[0].Quantity != 1 {
		k.t.Fatalf("lot LATER's patients: %+v", out.Items)
	}
	k.nurse.Do(http.MethodGet, "/api/v1/inventory/lots/"+lots["OLD"]+"/patients", nil).Decode(k.t, &out)
	if len(out.Items) != 0 {
		k.t.Fatalf("the expired lot was used: %+v", out.Items)
	}
}

// checkActual: the doctor used 2 gloves, not 4, and one capsule more from the expired
// lot, which needs allow_expired.
func (k *kit) checkActual(v visit.Visit, loc, composite, gloves string) {
	k.t.Helper()
	lots := k.lotIDs(loc, composite)
	path := "/api/v1/inventory/visits/" + v.ID + "/materials"
	body := func(allow bool) map[string]any {
		return map[string]any{"items": []map[string]any{{"item_id": gloves, "quantity": 2},
			{"item_id": composite, "quantity": 3, "lot_id": lots["OLD"], "allow_expired": allow}}}
	}
	r := k.nurse.Do(http.MethodPut, path, body(false))
	if r.Status != http.StatusBadRequest || r.Problem(k.t).Errors[0].Field != "items[1].lot_id" {
		k.t.Fatalf("expired lot without allow_expired: %d %s", r.Status, r.Body)
	}
	if got := sum(k.onHand(loc, gloves)); got != 96 {
		k.t.Fatalf("a refused correction changed stock: %d gloves", got)
	}
	bookingtest.ExpectStatus(k.t, k.nurse.Do(http.MethodPut, path, body(true)), http.StatusOK, "")
	if got := sum(k.onHand(loc, gloves)); got != 98 {
		k.t.Fatalf("gloves after the correction: %d, want 98", got)
	}
	if got := k.onHand(loc, composite); got["OLD"] != 4 || got["LATER"] != 9 {
		k.t.Fatalf("composite after the correction: %v", got)
	}
}

func (k *kit) lotIDs(loc, item string) map[string]string {
	k.t.Helper()
	var out struct {
		Items []stockRow `json:"items"`
	}
	k.nurse.Do(http.MethodGet, "/api/v1/inventory/stock?branch_id="+k.f.Branch.ID+"&location_id="+loc+"&item_id="+item, nil).
		Decode(k.t, &out)
	ids := map[string]string{}
	for _, r := range out.Items {
		ids[r.LotNumber] = r.LotID
	}
	return ids
}
