package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/telephony"
)

// demoCall is one call the demo's phone line took this morning: who rang, how long it
// rang, and whether the desk picked up.
type demoCall struct {
	from     string
	ago      time.Duration
	rang     time.Duration
	answered bool
}

// phoneLine connects a generic PBX line to the demo branch and plays a morning of
// calls through it, so the call log, the callback tasks and the figures have rows.
func (s *seeder) phoneLine(ctx context.Context) error {
	if s.Telephony == nil {
		return nil
	}
	line, _, err := s.Telephony.CreateLine(ctx, telephony.LineInput{BranchID: s.branchID, Provider: telephony.Generic,
		Name: "Reception (demo)"})
	if err != nil {
		return wrap("phone line", err)
	}
	for i, c := range s.morning() {
		if err := s.Telephony.Accept(ctx, line, nil, c.signals(fmt.Sprintf("demo-%d", i), s.now())...); err != nil {
			return wrap("demo call", err)
		}
	}
	for {
		n, err := s.Telephony.ProcessOnce(ctx)
		if err != nil || n == 0 {
			return wrap("demo calls", err)
		}
	}
}

// morning is three answered calls from patients, one missed (a callback task waits
// for the desk) and a caller who hung up at once.
func (s *seeder) morning() []demoCall {
	cs := cards(s.c.Locale)
	return []demoCall{
		{from: cs[0].Phone, ago: 3 * time.Hour, rang: 9 * time.Second, answered: true},
		{from: cs[1].Phone, ago: 2 * time.Hour, rang: 31 * time.Second, answered: true},
		{from: cs[2].Phone, ago: 50 * time.Minute, rang: 40 * time.Second},
		{from: cs[3].Phone, ago: 30 * time.Minute, rang: 3 * time.Second},
		{from: cs[4].Phone, ago: 10 * time.Minute, rang: 12 * time.Second, answered: true},
	}
}

func (c demoCall) signals(id string, now time.Time) []telephony.Signal {
	start := now.Add(-c.ago).UTC()
	picked := start.Add(c.rang)
	sigs := []telephony.Signal{{CallID: id, Event: "newCall", Step: telephony.Ring, Direction: telephony.Inbound,
		From: c.from, At: start}}
	end := picked
	if c.answered {
		sigs = append(sigs, telephony.Signal{CallID: id, Event: "answer", Seq: 1, Step: telephony.Answer, Extension: "101", At: picked})
		end = picked.Add(3 * time.Minute)
	}
	return append(sigs, telephony.Signal{CallID: id, Event: "hangup", Seq: 2, Step: telephony.End, At: end})
}
