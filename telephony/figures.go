package telephony

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ServiceLevelWithin is the answer time the service level counts against.
const ServiceLevelWithin = 20 * time.Second

// Day is one branch day's call figures as numerators and denominators, so weeks and
// months are sums of days and every ratio is computed from sums, never averaged.
type Day struct {
	Date string `json:"date"`
	// Offered: inbound calls that ended, short abandons left out.
	Offered int `json:"offered"`
	// Answered of Offered; Missed is the rest (missed, busy, failed, voicemail).
	Answered int `json:"answered"`
	Missed   int `json:"missed"`
	// ShortAbandoned: callers who hung up within the branch's threshold.
	ShortAbandoned int `json:"short_abandoned"`
	// AnsweredWithin20s counts answers at most 20 s after the ring.
	AnsweredWithin20s int `json:"answered_within_20s"`
	// AnswerSecondsTotal sums ring-to-answer over Answered (average speed of answer).
	AnswerSecondsTotal float64 `json:"answer_seconds_total"`
	// CallbacksOwed: callbacks opened for calls missed that day, and how each closed.
	CallbacksOwed          int `json:"callbacks_owed"`
	CallbacksWithinTarget  int `json:"callbacks_within_target"`
	CallbacksRecovered     int `json:"callbacks_recovered"`
	CallbacksSelfRecovered int `json:"callbacks_self_recovered"`
	// CallbackSeconds are the times from a missed call to the desk's return of it
	// (an answered call back, or the task closed by hand), for the median.
	CallbackSeconds []float64 `json:"callback_seconds"`
	// AnsweredBy counts answered calls per staff member (extension mapped to staff).
	AnsweredBy map[string]int `json:"answered_by"`
}

// maxFigureDays bounds one figures query.
const maxFigureDays = 92

// Figures returns the branch's call figures per local day, from and to inclusive
// (YYYY-MM-DD in the branch's zone).
func (s *Service) Figures(ctx context.Context, branchID, from, to string) ([]Day, error) {
	b, err := s.deps.Branches.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	loc := zone(b.TimeZone)
	start, end, err := dayRange(from, to, loc)
	if err != nil {
		return nil, err
	}
	calls, err := s.store.callsBetween(ctx, branchID, start.UTC(), end.UTC())
	if err != nil {
		return nil, err
	}
	cbs, err := s.store.callbacksBetween(ctx, branchID, start.UTC(), end.UTC())
	if err != nil {
		return nil, err
	}
	return tally(start, end, loc, calls, cbs), nil
}

func dayRange(from, to string, loc *time.Location) (time.Time, time.Time, error) {
	f, err := time.ParseInLocation(time.DateOnly, from, loc)
	if err != nil {
		return f, f, fault.Field("from", "date", "must be a date YYYY-MM-DD")
	}
	t, err := time.ParseInLocation(time.DateOnly, to, loc)
	if err != nil {
		return f, t, fault.Field("to", "date", "must be a date YYYY-MM-DD")
	}
	end := t.AddDate(0, 0, 1)
	if end.Before(f.AddDate(0, 0, 1)) || end.After(f.AddDate(0, 0, maxFigureDays)) {
		return f, t, fault.Field("to", "range", "must be on or after from, at most 92 days later")
	}
	return f, end, nil
}

// tally sorts calls and callbacks into their local days.
func tally(start, end time.Time, loc *time.Location, calls []Call, cbs []callback) []Day {
	index := map[string]*Day{}
	var days []Day
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		days = append(days, Day{Date: d.Format(time.DateOnly), CallbackSeconds: []float64{}, AnsweredBy: map[string]int{}})
	}
	for i := range days {
		index[days[i].Date] = &days[i]
	}
	for _, c := range calls {
		if d := index[c.RingAt.In(loc).Format(time.DateOnly)]; d != nil {
			d.addCall(c)
		}
	}
	for _, cb := range cbs {
		if d := index[cb.MissedAt.In(loc).Format(time.DateOnly)]; d != nil {
			d.addCallback(cb)
		}
	}
	return days
}

func (d *Day) addCall(c Call) {
	if c.Direction != Inbound || c.EndAt == nil || c.Disposition == nil {
		return
	}
	if *c.Disposition == ShortAbandon {
		d.ShortAbandoned++
		return
	}
	d.Offered++
	if *c.Disposition != Answered || c.AnswerAt == nil {
		d.Missed++
		return
	}
	d.Answered++
	wait := c.AnswerAt.Sub(c.RingAt)
	d.AnswerSecondsTotal += wait.Seconds()
	if wait <= ServiceLevelWithin {
		d.AnsweredWithin20s++
	}
	if c.AnsweredBy != nil {
		d.AnsweredBy[*c.AnsweredBy]++
	}
}

func (d *Day) addCallback(cb callback) {
	if cb.Resolution != nil && *cb.Resolution == AnsweredLate {
		return // never owed: the call was answered
	}
	d.CallbacksOwed++
	closed := cb.ClosedAt
	if cb.Resolution == nil {
		closed = cb.TaskDoneAt // the desk closed the task by hand
	}
	switch {
	case cb.Resolution != nil && *cb.Resolution == SelfRecovered:
		d.CallbacksSelfRecovered++
		return
	case cb.Resolution != nil && *cb.Resolution == Recovered:
		d.CallbacksRecovered++
	}
	if closed == nil {
		return
	}
	d.CallbackSeconds = append(d.CallbackSeconds, closed.Sub(cb.MissedAt).Seconds())
	if !closed.After(cb.DueAt) {
		d.CallbacksWithinTarget++
	}
}

// Summary is a period's figures: the days' sums and the ratios computed from them.
type Summary struct {
	Day
	// AbandonRate = Missed ÷ Offered; ServiceLevel = AnsweredWithin20s ÷ Offered.
	AbandonRate  *float64 `json:"abandon_rate"`
	ServiceLevel *float64 `json:"service_level"`
	// AverageSpeedOfAnswer = AnswerSecondsTotal ÷ Answered, in seconds.
	AverageSpeedOfAnswer *float64 `json:"average_speed_of_answer_seconds"`
	// CallbackMedian is the median of CallbackSeconds; the shares divide by CallbacksOwed.
	CallbackMedian            *float64 `json:"callback_median_seconds"`
	CallbackWithinTargetShare *float64 `json:"callback_within_target_share"`
	RecoveredShare            *float64 `json:"recovered_share"`
	SelfRecoveredShare        *float64 `json:"self_recovered_share"`
}

// Summarize adds the days up and derives the ratios (nil where the denominator is 0).
func Summarize(days []Day) Summary {
	var s Summary
	s.AnsweredBy, s.CallbackSeconds = map[string]int{}, []float64{}
	for _, d := range days {
		s.Offered += d.Offered
		s.Answered += d.Answered
		s.Missed += d.Missed
		s.ShortAbandoned += d.ShortAbandoned
		s.AnsweredWithin20s += d.AnsweredWithin20s
		s.AnswerSecondsTotal += d.AnswerSecondsTotal
		s.CallbacksOwed += d.CallbacksOwed
		s.CallbacksWithinTarget += d.CallbacksWithinTarget
		s.CallbacksRecovered += d.CallbacksRecovered
		s.CallbacksSelfRecovered += d.CallbacksSelfRecovered
		s.CallbackSeconds = append(s.CallbackSeconds, d.CallbackSeconds...)
		for who, n := range d.AnsweredBy {
			s.AnsweredBy[who] += n
		}
	}
	s.derive()
	return s
}

func (s *Summary) derive() {
	s.AbandonRate = ratio(float64(s.Missed), s.Offered)
	s.ServiceLevel = ratio(float64(s.AnsweredWithin20s), s.Offered)
	s.AverageSpeedOfAnswer = ratio(s.AnswerSecondsTotal, s.Answered)
	s.CallbackWithinTargetShare = ratio(float64(s.CallbacksWithinTarget), s.CallbacksOwed)
	s.RecoveredShare = ratio(float64(s.CallbacksRecovered), s.CallbacksOwed)
	s.SelfRecoveredShare = ratio(float64(s.CallbacksSelfRecovered), s.CallbacksOwed)
	s.CallbackMedian = median(s.CallbackSeconds)
}

func ratio(num float64, den int) *float64 {
	if den == 0 {
		return nil
	}
	r := num / float64(den)
	return &r
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	m := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		m = (sorted[len(sorted)/2-1] + m) / 2
	}
	return &m
}
