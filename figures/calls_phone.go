package figures

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// serviceLevelWithin is the answer time the service level counts against (telephony's).
const serviceLevelWithin = 20 * time.Second

// conversionWindow is how long after a new caller's call a booking still counts.
const conversionWindow = 7 * 24 * time.Hour

// offeredCall is one inbound call the desk was offered: it rang, it ended and the
// caller did not hang up within the short-abandon seconds (telephony decided that when
// the call ended, by the branch's own threshold, and wrote it as the disposition).
type offeredCall struct {
	ID          string     `db:"id"`
	From        string     `db:"from_number"`
	RingAt      time.Time  `db:"ring_at"`
	AnswerAt    *time.Time `db:"answer_at"`
	Disposition string     `db:"disposition"`
}

// sqlOfferedCalls are the branch's offered calls that rang in a day.
const sqlOfferedCalls = `SELECT id, from_number, ring_at, answer_at, disposition FROM calls
	WHERE branch_id = ? AND direction = 'inbound' AND ring_at >= ? AND ring_at < ?
	  AND end_at IS NOT NULL AND disposition IS NOT NULL AND disposition <> 'short_abandon'
	ORDER BY ring_at, id`

// collectCalls makes each offered call's rows of the answer figures.
func collectCalls(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var calls []offeredCall
	if err := db.Select(ctx, q, &calls, sqlOfferedCalls, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	for _, c := range calls {
		out = append(out, c.facts(d)...)
	}
	return out, nil
}

// answered says whether someone picked the call up, as telephony counts it.
func (c offeredCall) answered() bool { return c.Disposition == "answered" && c.AnswerAt != nil }

// facts are the call's rows: offered, answered or abandoned, within 20 s, and its
// seconds to answer when it was answered.
func (c offeredCall) facts(d Day) []Fact {
	row := func(figure string, num int64, label string) Fact {
		return Fact{Figure: figure, Subject: "call", SubjectID: c.ID, Num: num, Den: 1, Label: label, At: utcAt(c.RingAt)}
	}
	label := c.label(d)
	if !c.answered() {
		return []Fact{row("calls_offered", 1, label), row("calls_answered", 0, label), row("abandon_rate", 1, label),
			row("service_level_20s", 0, label)}
	}
	answer := row("speed_of_answer", c.waitSeconds(), label)
	answer.At = utcAt(*c.AnswerAt)
	within := c.AnswerAt.Sub(c.RingAt) <= serviceLevelWithin
	return []Fact{row("calls_offered", 1, label), row("calls_answered", 1, label), row("abandon_rate", 0, label),
		row("service_level_20s", oneIf(within), label), answer}
}

// waitSeconds is an answered call's ring to answer, to the whole second.
func (c offeredCall) waitSeconds() int64 {
	return int64(math.Round(max(0, c.AnswerAt.Sub(c.RingAt).Seconds())))
}

// label is the caller and how the call went: "+48601000001 at 08:00, answered in 5 s".
func (c offeredCall) label(d Day) string {
	head := fmt.Sprintf("%s at %s", c.From, c.RingAt.In(d.Zone).Format("15:04"))
	if !c.answered() {
		return head + ", " + c.Disposition
	}
	return fmt.Sprintf("%s, answered in %d s", head, c.waitSeconds())
}

// newCaller is one new caller's call with one visit booked after it for a patient with
// the number (BookedAt) or for a patient whose guardian has it (WardBookedAt); nil: none.
type newCaller struct {
	ID           string     `db:"id"`
	From         string     `db:"from_number"`
	RingAt       time.Time  `db:"ring_at"`
	BookedAt     *time.Time `db:"booked_at"`
	WardBookedAt *time.Time `db:"ward_booked_at"`
}

// sqlNewCallers are the day's offered calls from numbers unknown before them: on no
// patient card made before the call and heard on no earlier offered call (so a number
// is new once). Each comes with the visits booked from its ring up to the bound given
// (the day's end plus the window; each call's own window is cut in Go), reached through
// the cards with the number and their wards, each join on an index. Holds never
// confirmed are no booking.
const sqlNewCallers = `SELECT c.id, c.from_number, c.ring_at, a.created_at AS booked_at, w.created_at AS ward_booked_at
	FROM calls c
	LEFT JOIN patients p ON p.phone = c.from_number
	LEFT JOIN appointments a ON a.patient_id = p.id AND a.created_at >= c.ring_at AND a.created_at < ?
	  AND a.status NOT IN ('held', 'released')
	LEFT JOIN patient_guardians pg ON pg.guardian_id = p.id
	LEFT JOIN appointments w ON w.patient_id = pg.patient_id AND w.created_at >= c.ring_at AND w.created_at < ?
	  AND w.status NOT IN ('held', 'released')
	WHERE c.branch_id = ? AND c.direction = 'inbound' AND c.ring_at >= ? AND c.ring_at < ?
	  AND c.end_at IS NOT NULL AND c.disposition IS NOT NULL AND c.disposition <> 'short_abandon'
	  AND c.from_number LIKE '+%'
	  AND NOT EXISTS (SELECT 1 FROM patients k WHERE k.phone = c.from_number AND k.created_at < c.ring_at)
	  AND NOT EXISTS (SELECT 1 FROM calls e WHERE e.from_number = c.from_number AND e.direction = 'inbound'
	    AND e.ring_at < c.ring_at AND e.disposition IS NOT NULL AND e.disposition <> 'short_abandon')
	ORDER BY c.ring_at, c.id`

// collectNewCallers makes one row per new caller: 1/1 when a visit was booked within
// the window after the call, else 0/1.
func collectNewCallers(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var rows []newCaller
	bound := d.End.Add(conversionWindow)
	if err := db.Select(ctx, q, &rows, sqlNewCallers, bound, bound, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	first := map[string]*time.Time{}
	for _, r := range rows {
		if _, seen := first[r.ID]; !seen {
			out = append(out, Fact{Figure: "new_caller_conversion", Subject: "call", SubjectID: r.ID, Den: 1,
				Label: r.From, At: utcAt(r.RingAt)})
		}
		first[r.ID] = r.earliest(first[r.ID])
	}
	for i := range out {
		booked := first[out[i].SubjectID]
		if booked == nil {
			out[i].Label += ", no visit booked within 7 days"
			continue
		}
		out[i].Num, out[i].Label = 1, out[i].Label+", visit booked "+booked.In(d.Zone).Format(time.DateOnly)
	}
	return out, nil
}

// earliest is the earlier of so (nil: none yet) and the row's bookings made within the
// window after the call.
func (r newCaller) earliest(so *time.Time) *time.Time {
	for _, booked := range []*time.Time{r.BookedAt, r.WardBookedAt} {
		if booked != nil && booked.Before(r.RingAt.Add(conversionWindow)) && (so == nil || booked.Before(*so)) {
			so = booked
		}
	}
	return so
}
