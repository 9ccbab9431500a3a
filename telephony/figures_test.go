package telephony_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type figures struct {
	Days []struct {
		Date     string `json:"date"`
		Offered  int    `json:"offered"`
		Answered int    `json:"answered"`
	} `json:"days"`
	Totals struct {
		Offered                int            `json:"offered"`
		Answered               int            `json:"answered"`
		Missed                 int            `json:"missed"`
		ShortAbandoned         int            `json:"short_abandoned"`
		AnsweredWithin20s      int            `json:"answered_within_20s"`
		CallbacksOwed          int            `json:"callbacks_owed"`
		CallbacksRecovered     int            `json:"callbacks_recovered"`
		CallbacksSelfRecovered int            `json:"callbacks_self_recovered"`
		CallbacksWithinTarget  int            `json:"callbacks_within_target"`
		AbandonRate            *float64       `json:"abandon_rate"`
		ServiceLevel           *float64       `json:"service_level"`
		ASA                    *float64       `json:"average_speed_of_answer_seconds"`
		CallbackMedian         *float64       `json:"callback_median_seconds"`
		AnsweredBy             map[string]int `json:"answered_by"`
	} `json:"totals"`
}

func (k *kit) figures(from, to string) (int, figures) {
	var f figures
	q := url.Values{"branch_id": {k.branch}, "from": {from}, "to": {to}}
	r := k.owner.Do(http.MethodGet, "/api/v1/calls/figures?"+q.Encode(), nil)
	if r.Status == http.StatusOK {
		r.Decode(k.t, &f)
	}
	return r.Status, f
}

func TestCallFiguresAddUpFromTheirRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		msk, _ := time.LoadLocation("Europe/Moscow")
		today := k.env.Clock.Now().In(msk).Format(time.DateOnly)
		k.ring(callID(), "+79160000001", "101", "normalClearing", 10*time.Second, time.Minute) // answered in 10 s
		k.ring(callID(), "+79160000002", "102", "normalClearing", 30*time.Second, time.Minute) // answered in 30 s
		k.ring(callID(), "+79160000003", "", "cancel", 2*time.Second, 0)                       // short abandon
		k.ring(callID(), "+79160000004", "", "noAnswer", 40*time.Second, 0)                    // missed, we call back
		k.ring(callID(), "+79160000005", "", "busy", 10*time.Second, 0)                        // busy, caller rings again
		k.env.Clock.Advance(4 * time.Minute)
		out := callID()
		k.generic(event("newCall", out, "from", "101", "to", "+79160000004", "direction", "out"))
		k.env.Clock.Advance(5 * time.Second)
		k.generic(event("answer", out, "answeringNumber", "101"))
		k.generic(event("hangup", out, "cause", "normalClearing"))
		k.ring(callID(), "+79160000005", "103", "normalClearing", 5*time.Second, time.Minute)
		k.process()
		st, f := k.figures(today, today)
		tot := f.Totals
		if st != 200 || len(f.Days) != 1 || f.Days[0].Date != today {
			t.Fatalf("figures: %d %+v", st, f)
		}
		// offered 5 (short abandon out): answered 3 (two, and the caller who rang again)
		if tot.Offered != 5 || tot.Answered != 3 || tot.Missed != 2 || tot.ShortAbandoned != 1 || tot.AnsweredWithin20s != 2 {
			t.Fatalf("counts: %+v", tot)
		}
		if *tot.AbandonRate != 0.4 || *tot.ServiceLevel != 0.4 || *tot.ASA != 15 {
			t.Fatalf("ratios: abandon %v, service level %v, ASA %v", *tot.AbandonRate, *tot.ServiceLevel, *tot.ASA)
		}
		if tot.CallbacksOwed != 2 || tot.CallbacksRecovered != 1 || tot.CallbacksSelfRecovered != 1 ||
			tot.CallbacksWithinTarget != 1 || tot.CallbackMedian == nil || *tot.CallbackMedian <= 0 {
			t.Fatalf("callbacks: %+v", tot)
		}
		if st, _ := k.figures(today, "2020-01-01"); st != http.StatusBadRequest {
			t.Fatalf("to before from: %d", st)
		}
		if st, _ := k.figures("yesterday", today); st != http.StatusBadRequest {
			t.Fatalf("bad from: %d", st)
		}
	})
}
