package figures

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// owedCallback is the call back one missed call was owed (one per number: a patient who
// rang three times is one callback), with how it closed. Telephony opens it when the
// call ends unanswered and closes it: recovered by an answered call back, self-recovered
// when the caller rang again and got through, or by hand when the desk closes its task.
type owedCallback struct {
	CallID     string     `db:"call_id"`
	Number     string     `db:"number"`
	MissedAt   time.Time  `db:"missed_at"`
	DueAt      time.Time  `db:"due_at"`
	ClosedAt   *time.Time `db:"closed_at"`
	Resolution *string    `db:"resolution"`
	TaskDoneAt *time.Time `db:"task_done_at"`
	TaskDoneBy *string    `db:"task_done_by"`
	// ReturnedBy is who answered on our side of the call back that reached the caller.
	ReturnedBy *string `db:"returned_by"`
}

// sqlOwedCallbacks are the callbacks of the day's missed calls. A callback closed as
// "answered" was never owed: the call was answered after all (its answer reached
// telephony after its hangup).
const sqlOwedCallbacks = `SELECT cb.call_id, cb.number, cb.missed_at, cb.due_at, cb.closed_at, cb.resolution,
	t.done_at AS task_done_at, t.done_by AS task_done_by, cc.answered_by AS returned_by
	FROM call_callbacks cb JOIN inbox_tasks t ON t.id = cb.task_id
	LEFT JOIN calls cc ON cc.id = cb.closing_call_id
	WHERE cb.branch_id = ? AND cb.missed_at >= ? AND cb.missed_at < ?
	  AND (cb.resolution IS NULL OR cb.resolution <> 'answered')
	ORDER BY cb.missed_at, cb.call_id`

// collectCallbacks makes each owed callback's rows: within target and recovered for
// every one, and its minutes to return for those the desk returned.
func collectCallbacks(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var cbs []owedCallback
	if err := db.Select(ctx, q, &cbs, sqlOwedCallbacks, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	for _, cb := range cbs {
		out = append(out, cb.facts(d)...)
	}
	return out, nil
}

// returned is when and by whom the desk returned the call: the answered call back, or
// the task closed by hand. A caller who got through by ringing again was not returned.
func (cb owedCallback) returned() (at *time.Time, by string) {
	switch {
	case cb.Resolution == nil:
		return cb.TaskDoneAt, textOf(cb.TaskDoneBy)
	case *cb.Resolution == "recovered":
		return cb.ClosedAt, textOf(cb.ReturnedBy)
	}
	return nil, ""
}

// reachedAgain says whether the caller was reached again: the call back was answered,
// or they rang again and were answered.
func (cb owedCallback) reachedAgain() bool {
	return cb.Resolution != nil && (*cb.Resolution == "recovered" || *cb.Resolution == "self_recovered")
}

func (cb owedCallback) facts(d Day) []Fact {
	back, by := cb.returned()
	label := cb.label(d, back)
	row := func(figure string, num int64) Fact {
		return Fact{Figure: figure, Subject: "callback", SubjectID: cb.CallID, Num: num, Den: 1, Label: label,
			At: utcAt(cb.MissedAt)}
	}
	within := row("callback_within_target", oneIf(back != nil && !back.After(cb.DueAt)))
	within.At = utcAt(cb.DueAt)
	out := []Fact{within, row("recovered_share", oneIf(cb.reachedAgain()))}
	if back != nil {
		took := row("callback_time", wholeMinutes(cb.MissedAt, *back))
		took.StaffID, took.At = by, utcAt(*back)
		out = append(out, took)
	}
	return out
}

// label is the number, when it was missed and how the callback stands.
func (cb owedCallback) label(d Day, back *time.Time) string {
	head := fmt.Sprintf("%s missed at %s", cb.Number, cb.MissedAt.In(d.Zone).Format("15:04"))
	switch {
	case back != nil && cb.Resolution == nil:
		return fmt.Sprintf("%s, closed by hand after %d min", head, wholeMinutes(cb.MissedAt, *back))
	case back != nil:
		return fmt.Sprintf("%s, called back after %d min", head, wholeMinutes(cb.MissedAt, *back))
	case cb.reachedAgain():
		return head + ", the caller rang again and got through"
	}
	return head + ", still owed"
}
