package figures

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// closedFollowUp is a follow-up closed by its calls, with how its first call went.
type closedFollowUp struct {
	ID           string    `db:"id"`
	DoctorID     *string   `db:"doctor_id"`
	Status       string    `db:"status"`
	Attempts     int       `db:"attempts"`
	ClosedAt     time.Time `db:"closed_at"`
	FirstOutcome *string   `db:"first_outcome"`
	Patient      string    `db:"patient"`
}

// sqlClosedFollowUps are the branch's follow-ups closed in a day; a cancelled one (the
// visit cancelled, the patient asked not to be called) was never tried to the end.
const sqlClosedFollowUps = `SELECT f.id, f.doctor_id, f.status, f.attempts, f.closed_at, a1.outcome AS first_outcome,
	p.first_name || ' ' || p.last_name AS patient
	FROM follow_ups f JOIN patients p ON p.id = f.patient_id
	LEFT JOIN follow_up_attempts a1 ON a1.follow_up_id = f.id AND a1.number = 1
	WHERE f.branch_id = ? AND f.closed_at >= ? AND f.closed_at < ? AND f.status NOT IN ('open', 'cancelled')
	ORDER BY f.id`

// collectFollowUpsClosed makes each closed follow-up's rows of first and any reach:
// reached is the outcome "reached", as reviews counts it (declined is not).
func collectFollowUpsClosed(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var fs []closedFollowUp
	if err := db.Select(ctx, q, &fs, sqlClosedFollowUps, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	out := make([]Fact, 0, 2*len(fs))
	for _, f := range fs {
		label := fmt.Sprintf("%s, %s after %d call(s)", strings.TrimSpace(f.Patient), strings.ReplaceAll(f.Status, "_", " "), f.Attempts)
		row := func(figure string, num int64) Fact {
			return Fact{Figure: figure, Subject: "follow_up", SubjectID: f.ID, DoctorID: textOf(f.DoctorID),
				Num: num, Den: 1, Label: label, At: utcAt(f.ClosedAt)}
		}
		first := f.FirstOutcome != nil && *f.FirstOutcome == "reached"
		out = append(out, row("follow_up_first_reach", oneIf(first)), row("follow_up_reach", oneIf(f.Status == "reached")))
	}
	return out, nil
}

// dueCall is one follow-up call due in a day: made (by whom, when) or still owed (by
// its task's assignee, if any).
type dueCall struct {
	FollowUpID string     `db:"follow_up_id"`
	DoctorID   *string    `db:"doctor_id"`
	StaffID    *string    `db:"staff_id"`
	DueAt      time.Time  `db:"due_at"`
	MadeAt     *time.Time `db:"made_at"`
	Patient    string     `db:"patient"`
}

// sqlDueCalls lists every follow-up call due in a day as reviews' completion does: the
// attempts made (each was due at its due_at, made by its caller) and the open
// follow-ups' next calls.
const sqlDueCalls = `SELECT a.follow_up_id, f.doctor_id, a.staff_id, a.due_at, a.at AS made_at,
	p.first_name || ' ' || p.last_name AS patient
	FROM follow_up_attempts a JOIN follow_ups f ON f.id = a.follow_up_id JOIN patients p ON p.id = f.patient_id
	WHERE f.branch_id = ? AND a.due_at >= ? AND a.due_at < ?
	UNION ALL
	SELECT f.id, f.doctor_id, t.assignee_id, f.due_at, NULL,
	p.first_name || ' ' || p.last_name
	FROM follow_ups f JOIN inbox_tasks t ON t.id = f.task_id JOIN patients p ON p.id = f.patient_id
	WHERE f.branch_id = ? AND f.status = 'open' AND f.due_at >= ? AND f.due_at < ?
	ORDER BY 1, 3, 4`

// collectFollowUpCalls makes one row per follow-up and person with calls due that day:
// the calls made by the day's end over the calls due (two tries due the same day are 2).
func collectFollowUpCalls(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var calls []dueCall
	if err := db.Select(ctx, q, &calls, sqlDueCalls, b.ID, d.Start, d.End, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	var out []Fact
	index := map[[2]string]int{}
	for _, c := range calls {
		key := [2]string{c.FollowUpID, textOf(c.StaffID)}
		i, seen := index[key]
		if !seen {
			i, index[key] = len(out), len(out)
			out = append(out, Fact{Figure: "follow_up_completion", Subject: "follow_up", SubjectID: c.FollowUpID,
				DoctorID: textOf(c.DoctorID), StaffID: key[1], At: utcAt(c.DueAt)})
		}
		out[i].Den++
		out[i].Num += oneIf(c.MadeAt != nil && c.MadeAt.Before(d.End))
		out[i].Label = fmt.Sprintf("%s, %d of %d call(s) due made", strings.TrimSpace(c.Patient), out[i].Num, out[i].Den)
	}
	return out, nil
}

// answeredSurvey is one survey answered in a day.
type answeredSurvey struct {
	ID         string    `db:"id"`
	DoctorID   *string   `db:"doctor_id"`
	Via        string    `db:"via"`
	Recommend  int       `db:"recommend"`
	AnsweredAt time.Time `db:"answered_at"`
}

const sqlAnsweredSurveys = `SELECT id, doctor_id, via, recommend, answered_at FROM surveys
	WHERE branch_id = ? AND answered_at >= ? AND answered_at < ? ORDER BY id`

// collectSurveys makes one NPS row per survey answered that day: +1, 0 or −1 over 1.
func collectSurveys(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var ss []answeredSurvey
	if err := db.Select(ctx, q, &ss, sqlAnsweredSurveys, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	out := make([]Fact, 0, len(ss))
	for _, s := range ss {
		num, kind := int64(0), "passive"
		switch {
		case s.Recommend >= 9:
			num, kind = 1, "promoter"
		case s.Recommend <= 6:
			num, kind = -1, "detractor"
		}
		out = append(out, Fact{Figure: "nps", Subject: "survey", SubjectID: s.ID, DoctorID: textOf(s.DoctorID),
			Num: num, Den: 1, Label: fmt.Sprintf("would recommend %d of 10 (%s), by %s", s.Recommend, kind, s.Via),
			At: utcAt(s.AnsweredAt)})
	}
	return out, nil
}
