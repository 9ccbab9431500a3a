package schedule

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// BenchmarkAvailabilityAnswer writes the large clinic's month (30 doctors, 20 chairs,
// 50 000 visits) in both shapes: the full one every client got before, and the lean
// one the widget asks for (a month of day counts, then one day's times).
func BenchmarkAvailabilityAnswer(b *testing.B) {
	d := dbtest.New(b)
	w, q := benchClinic{doctors: 30, chairs: 20, appointments: 50000, horizon: 90}.seed(b, d)
	q.Days = 31
	r, err := w.s.Availability(bg, q)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("full-before", func(b *testing.B) {
		n := 0
		for b.Loop() {
			out, _ := oldJSON(r)
			n = len(out)
		}
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("full", func(b *testing.B) {
		var buf []byte // kept from answer to answer, as the handler's pool keeps it
		for b.Loop() {
			buf = appendFull(buf[:0], r)
		}
		b.ReportMetric(float64(len(buf)), "bytes")
	})
	b.Run("lean-month", func(b *testing.B) {
		n := 0
		for b.Loop() {
			out, _ := appendLean(make([]byte, 0, 4096), r, "")
			n = len(out)
		}
		b.ReportMetric(float64(n), "bytes")
	})
	b.Run("lean-day", func(b *testing.B) {
		n := 0
		for b.Loop() {
			out, _ := appendLean(make([]byte, 0, 4096), r, r.Days[0].Date)
			n = len(out)
		}
		b.ReportMetric(float64(n), "bytes")
	})
}

// The answer as it was written before the hand-written encoder (a view of strings
// through encoding/json, as fiber's c.JSON does): kept only to show the difference.
type oldSlotView struct {
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Doctors []string `json:"doctors"`
}

type oldDayView struct {
	Date  string        `json:"date"`
	Slots []oldSlotView `json:"slots"`
}

type oldView struct {
	BranchID  string       `json:"branch_id"`
	ServiceID string       `json:"service_id"`
	TimeZone  string       `json:"time_zone"`
	Days      []oldDayView `json:"days"`
	Doctors   []DoctorCard `json:"doctors"`
}

func oldJSON(r Result) ([]byte, error) {
	v := oldView{BranchID: r.BranchID, ServiceID: r.ServiceID, TimeZone: r.TimeZone, Days: make([]oldDayView, len(r.Days)),
		Doctors: r.Doctors}
	for i, d := range r.Days {
		v.Days[i] = oldDayView{Date: d.Date, Slots: make([]oldSlotView, len(d.Slots))}
		for j, s := range d.Slots {
			v.Days[i].Slots[j] = oldSlotView{Start: s.Start.Format(time.RFC3339), End: s.End.Format(time.RFC3339), Doctors: s.Doctors}
		}
	}
	return json.Marshal(v)
}
