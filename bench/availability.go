package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// availCase is one kind of availability question, asked many times with random
// dates and services.
type availCase struct {
	name      string
	branch    *branchWorld
	days      int  // the days parameter
	oneDoctor bool // with doctor_id
	target    time.Duration
}

// availResult is what one case measured.
type availResult struct {
	availCase
	server, client dist
	// engine is the same questions asked of Schedules.Availability in-process.
	engine     dist
	slots      int // median slots per answer, to show the answers are not empty
	errors     int
	firstError string
}

// warmUp requests open the connection and fill the caches before timing starts.
const warmUp = 20

// availCases are the two clinics: the small one asked 30 days at a time, the
// large one a week (what the widget shows) and 31 days (the most one answer holds).
func availCases(w *world) []availCase {
	var out []availCase
	for _, c := range []struct {
		b      *branchWorld
		days   int
		target time.Duration
	}{{w.small, 30, time.Millisecond}, {w.large, 7, 1500 * time.Microsecond}, {w.large, 31, 3 * time.Millisecond}} {
		for _, one := range []bool{false, true} {
			who := "any doctor"
			if one {
				who = "one doctor"
			}
			name := fmt.Sprintf("availability %s, %s, %d days", c.b.spec.name, who, c.days)
			out = append(out, availCase{name: name, branch: c.b, days: c.days, oneDoctor: one, target: c.target})
		}
	}
	return out
}

// measureAvailability runs every case in turn.
func measureAvailability(ctx context.Context, srv *server, w *world, opt options) ([]availResult, error) {
	var out []availResult
	for i, c := range availCases(w) {
		r := runAvailCase(ctx, srv, w, c, i, opt)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// runAvailCase asks the case's question opt.requests times (or for opt.duration,
// whichever ends first), one request at a time, so the latency is the app's and not
// a queue's. Each question is also asked of the engine in-process, alternately just
// before and just after the request, so both see the same machine.
func runAvailCase(ctx context.Context, srv *server, w *world, c availCase, i int, opt options) availResult {
	warm := newRNG(uint64(200 + i))
	for n := range warmUp {
		srv.call(ctx, http.MethodGet, path(c.question(w, warm)), fmt.Sprintf("warm.%d", n), "", nil)
	}
	srv.serverTimesOf("warm")
	phase, rng := fmt.Sprintf("avail%d", i), newRNG(uint64(100+i))
	r := availResult{availCase: c}
	var client, engine []time.Duration
	var slots []int
	for n, end := 0, time.Now().Add(opt.duration); n < opt.requests && time.Now().Before(end) && ctx.Err() == nil; n++ {
		q := c.question(w, rng)
		if n%2 == 1 {
			engine = append(engine, engineTime(ctx, srv, q))
		}
		a := srv.call(ctx, http.MethodGet, path(q), fmt.Sprintf("%s.%d", phase, n), "", nil)
		client, slots = append(client, a.took), append(slots, r.check(a))
		if n%2 == 0 {
			engine = append(engine, engineTime(ctx, srv, q))
		}
	}
	r.client, r.server, r.engine = distOf(client), distOf(srv.serverTimesOf(phase)), distOf(engine)
	r.slots = medianInt(slots)
	return r
}

// question is a random question of the case: a from date in the horizon, a service,
// and (for one-doctor cases) a doctor.
func (c availCase) question(w *world, rng *rand.Rand) schedule.Query {
	q := schedule.Query{BranchID: c.branch.branch.ID, ServiceID: w.procedures[rng.IntN(len(w.procedures))].ID,
		From: c.branch.today.AddDate(0, 0, rng.IntN(c.branch.spec.horizonDays-c.days+1)).Format(time.DateOnly), Days: c.days}
	if c.oneDoctor {
		q.DoctorID = c.branch.doctors[rng.IntN(len(c.branch.doctors))].ID
	}
	return q
}

// path is the public availability request asking q.
func path(q schedule.Query) string {
	v := url.Values{}
	v.Set("branch_id", q.BranchID)
	v.Set("service_id", q.ServiceID)
	v.Set("from", q.From)
	v.Set("days", fmt.Sprint(q.Days))
	if q.DoctorID != "" {
		v.Set("doctor_id", q.DoctorID)
	}
	return "/api/v1/public/availability?" + v.Encode()
}

// engineTime asks q of the engine in-process, as the public handler does (as the
// system): no HTTP, no routing, no JSON; what is left is Schedules.Availability.
func engineTime(ctx context.Context, srv *server, q schedule.Query) time.Duration {
	ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
	t0 := time.Now()
	_, _ = srv.svc.Schedules.Availability(ctx, q) // a failure shows in the HTTP answer to the same question
	return time.Since(t0)
}

// check counts the slots of a 200 answer and keeps the first failure.
func (r *availResult) check(a answer) int {
	var body struct {
		Days []struct {
			Slots []json.RawMessage `json:"slots"`
		} `json:"days"`
	}
	if a.err == nil && a.status == http.StatusOK && json.Unmarshal(a.body, &body) == nil {
		n := 0
		for _, d := range body.Days {
			n += len(d.Slots)
		}
		return n
	}
	r.errors++
	if r.firstError == "" {
		r.firstError = fmt.Sprintf("%d %.200s %v", a.status, a.body, a.err)
	}
	return 0
}
