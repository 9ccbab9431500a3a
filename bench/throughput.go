package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// phaseResult is what one booking phase measured.
type phaseResult struct {
	elapsed    time.Duration
	ok         int // 201s (app) or rows inserted (bare SQL)
	taken      int // 409s: the time was taken by another client first
	other      int // anything else: a failure worth reading
	firstOther string
	client     dist
	server     dist // the app's own timing (app phase only)
	// firstSecond and lastSecond are the 201s in the phase's first and last whole
	// second (app phase only).
	firstSecond, lastSecond int
	// cpu is the CPU this process used in the phase: server and clients alike (on
	// PostgreSQL the server's own backends are not in it).
	cpu time.Duration
}

// processCPU is the user and system time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tally is one worker's share of a phase, merged when the phase ends.
type tally struct {
	ok, taken, other int
	firstOther       string
	took             []time.Duration
}

func (p *phaseResult) merge(ts []tally) {
	var took []time.Duration
	for _, t := range ts {
		p.ok, p.taken, p.other = p.ok+t.ok, p.taken+t.taken, p.other+t.other
		if p.firstOther == "" {
			p.firstOther = t.firstOther
		}
		took = append(took, t.took...)
	}
	p.client = distOf(took)
}

// grid hands out booking times at the booking branch: cell i is doctor i mod D at
// the 30-minute block (i / D) mod B of day 1 + i / (D·B), from 07:00 local. A fresh
// cell is free, so booking it succeeds; a recent one was just handed to another
// client, so one of the two gets a 409.
type grid struct {
	b      *branchWorld
	blocks int64
	next   atomic.Int64
	// window is how far back a colliding client reaches: about the cells in flight.
	window int64
}

// gridBlock is a booked visit's step: 20 minutes and the buffer, rounded up to the
// branch's 15-minute grid.
const gridBlock = 30

func newGrid(b *branchWorld, clients int) *grid {
	return &grid{b: b, blocks: dayMinutes / gridBlock, window: int64(2 * clients)}
}

// pick is a fresh cell, or with probability collide a recent one.
func (g *grid) pick(rng *rand.Rand, collide float64) int64 {
	if n := g.next.Load(); n > 0 && rng.Float64() < collide {
		return n - 1 - rng.Int64N(min(n, g.window))
	}
	return g.next.Add(1) - 1
}

// at is cell i's doctor and start.
func (g *grid) at(i int64) (doctor int, start time.Time) {
	d := int64(len(g.b.doctors))
	day, block := 1+i/(d*g.blocks), (i/d)%g.blocks
	return int(i % d), g.b.opening(int(day)).Add(time.Duration(block*gridBlock) * time.Minute)
}

// bookRequest is the staff booking the front desk sends.
type bookRequest struct {
	PatientID string `json:"patient_id"`
	ServiceID string `json:"service_id"`
	DoctorID  string `json:"doctor_id"`
	Start     string `json:"start"`
	Source    string `json:"source"`
}

// appRun is one app booking phase under way.
type appRun struct {
	srv        *server
	w          *world
	g          *grid
	began, end time.Time
	collide    float64
	// perSecond counts 201s by second of the phase, to show whether the rate holds
	// as the branch fills.
	perSecond []atomic.Int64
}

// measureApp runs opt.clients clients for opt.duration, each booking one time after
// another through POST /api/v1/appointments. Requests in flight at the end finish
// and count, so every 201 is one the database must hold.
func measureApp(ctx context.Context, srv *server, w *world, opt options) phaseResult {
	began, cpu := time.Now(), processCPU()
	run := &appRun{srv: srv, w: w, g: newGrid(w.bookings, opt.clients), began: began, end: began.Add(opt.duration),
		collide: opt.collide, perSecond: make([]atomic.Int64, int(opt.duration/time.Second)+1)}
	tallies := make([]tally, opt.clients)
	var wg sync.WaitGroup
	for c := range opt.clients {
		wg.Go(func() { tallies[c] = run.bookUntil(ctx, c) })
	}
	wg.Wait()
	r := phaseResult{elapsed: time.Since(began), cpu: processCPU() - cpu}
	r.merge(tallies)
	r.server = distOf(srv.serverTimesOf("book"))
	if n := len(run.perSecond) - 1; n > 0 {
		r.firstSecond, r.lastSecond = int(run.perSecond[0].Load()), int(run.perSecond[n-1].Load())
	}
	return r
}

func (run *appRun) bookUntil(ctx context.Context, c int) tally {
	rng, w := newRNG(uint64(1000+c)), run.w
	var t tally
	for n := 0; time.Now().Before(run.end) && ctx.Err() == nil; n++ {
		doctor, start := run.g.at(run.g.pick(rng, run.collide))
		body, _ := json.Marshal(bookRequest{PatientID: w.patients[c%len(w.patients)], ServiceID: w.procedures[0].ID,
			DoctorID: w.bookings.doctors[doctor].ID, Start: start.Format(time.RFC3339), Source: "admin"})
		a := run.srv.call(ctx, http.MethodPost, "/api/v1/appointments", fmt.Sprintf("book.%d-%d", c, n), w.token, body)
		t.took = append(t.took, a.took)
		switch {
		case a.err == nil && a.status == http.StatusCreated:
			t.ok++
			if sec := int(time.Since(run.began) / time.Second); sec < len(run.perSecond) {
				run.perSecond[sec].Add(1)
			}
		case a.err == nil && a.status == http.StatusConflict:
			t.taken++
		default:
			t.failed(fmt.Sprintf("%d %.300s %v", a.status, a.body, a.err))
		}
	}
	return t
}

func (t *tally) failed(what string) {
	t.other++
	if t.firstOther == "" {
		t.firstOther = what
	}
}

// measureBare is the baseline: opt.clients goroutines run the booking's INSERT as bare
// SQL through the same pool the app writes with, one autocommitted row at a time, into
// the baseline branch, each for a doctor and chair free then (the app's grid of cells,
// from tomorrow); no check, no event, no audit, no HTTP.
func measureBare(ctx context.Context, srv *server, w *world, opt options) phaseResult {
	var next atomic.Int64
	tallies := make([]tally, opt.clients)
	began, cpu := time.Now(), processCPU()
	end := began.Add(opt.duration)
	var wg sync.WaitGroup
	for c := range opt.clients {
		wg.Go(func() { tallies[c] = insertUntil(ctx, srv, w, &next, c, end) })
	}
	wg.Wait()
	r := phaseResult{elapsed: time.Since(began), cpu: processCPU() - cpu}
	r.merge(tallies)
	return r
}

func insertUntil(ctx context.Context, srv *server, w *world, next *atomic.Int64, c int, end time.Time) tally {
	pool := srv.svc.DB.W
	stmt := pool.Rebind(insertAppointment)
	g := newGrid(w.baseline, 0)
	var t tally
	for time.Now().Before(end) && ctx.Err() == nil {
		doctor, start := g.at(next.Add(1) - 1)
		row := visitRow{branchID: w.baseline.branch.ID, patientID: w.patients[c%len(w.patients)], serviceID: w.procedures[0].ID,
			doctorID: w.baseline.doctors[doctor].ID, chairID: w.baseline.chairs[doctor].ID, bookedBy: w.adminID,
			start: start, minutes: w.procedures[0].DurationMinutes}
		args := row.args()
		t0 := time.Now()
		_, err := pool.ExecContext(ctx, stmt, args...)
		t.took = append(t.took, time.Since(t0))
		if err != nil {
			t.failed(err.Error())
			continue
		}
		t.ok++
	}
	return t
}
