package figures

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

const (
	sqlKitFollowUp = `INSERT INTO follow_ups (id, branch_id, patient_id, campaign_id, doctor_id, task_id, locale, status,
		attempts, first_due_at, due_at, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, 'pl', ?, ?, ?, ?, ?, ?)`
	sqlKitAttempt = `INSERT INTO follow_up_attempts (follow_up_id, number, staff_id, due_at, at, outcome)
		VALUES (?, ?, ?, ?, ?, ?)`
	sqlKitSurvey = `INSERT INTO surveys (id, follow_up_id, patient_id, branch_id, doctor_id, via, locale, sent_at,
		answered_at, overall, care, expectations, recommend, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pl', ?, ?, ?, ?, ?, ?, ?)`
)

// kitTry is one logged call at a follow-up.
type kitTry struct {
	By      string
	Due, At time.Time
	Outcome string
}

// kitFollowUp is a follow-up of the campaign with its calls; Due is the next call's
// when it is open, Closed when it is not.
type kitFollowUp struct {
	Doctor, Assignee, Status string
	Due, Closed              time.Time
	Tries                    []kitTry
}

// followUp stores a follow-up, its task and its attempts; it answers its id and patient.
func (k *callsKit) followUp(f kitFollowUp) (string, string) {
	id, patient := uuid.NewString(), k.patient("Ewa", "", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	created := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	due := f.Due
	if due.IsZero() {
		due = f.Tries[len(f.Tries)-1].Due
	}
	task := k.task(kitTask{Kind: "follow_up_call", Created: created, Due: due, Assignee: f.Assignee, DoneAt: f.Closed})
	k.exec(sqlKitFollowUp, id, k.branch, patient, k.campaign, callsNull(f.Doctor), task, f.Status, len(f.Tries),
		created, due, created, callsWhen(f.Closed))
	for i, a := range f.Tries {
		k.exec(sqlKitAttempt, id, i+1, a.By, a.Due, a.At, a.Outcome)
	}
	return id, patient
}

// survey stores the survey of a follow-up, answered at answered with the score (zero
// time: sent, not answered).
func (k *callsKit) survey(followUp, patient, doctor string, answered time.Time, recommend int) string {
	id := uuid.NewString()
	sent := time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC)
	if answered.IsZero() {
		k.exec(sqlKitSurvey, id, followUp, patient, k.branch, callsNull(doctor), "link", sent, nil, nil, nil, nil, nil, sent)
		return id
	}
	k.exec(sqlKitSurvey, id, followUp, patient, k.branch, callsNull(doctor), "phone", sent, answered, 5, 5,
		"as_expected", recommend, sent)
	return id
}

// Reach over the follow-ups closed that day, completion over the calls due that day per
// person (a late call is not done on its day), and the NPS of the day's answers.
func TestFollowUpFiguresOfAScriptedDay(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		anna, bartek, lis := k.newStaff("anna"), k.newStaff("bartek"), k.newDoctor()
		at := k.at
		// f1 reached on the first call; f2 on the second (the first the day before).
		f1, p1 := k.followUp(kitFollowUp{Doctor: lis, Status: "reached", Closed: at("2026-03-10 10:00"), Tries: []kitTry{
			{By: anna, Due: at("2026-03-10 09:00"), At: at("2026-03-10 10:00"), Outcome: "reached"}}})
		f2, p2 := k.followUp(kitFollowUp{Doctor: lis, Status: "reached", Closed: at("2026-03-10 10:30"), Tries: []kitTry{
			{By: bartek, Due: at("2026-03-09 10:00"), At: at("2026-03-09 10:05"), Outcome: "no_answer"},
			{By: bartek, Due: at("2026-03-10 10:00"), At: at("2026-03-10 10:30"), Outcome: "reached"}}})
		// f3: three calls that day, two of them Anna's, then the survey link.
		f3, p3 := k.followUp(kitFollowUp{Status: "link_sent", Closed: at("2026-03-10 13:10"), Tries: []kitTry{
			{By: anna, Due: at("2026-03-10 09:00"), At: at("2026-03-10 09:30"), Outcome: "no_answer"},
			{By: anna, Due: at("2026-03-10 11:00"), At: at("2026-03-10 11:05"), Outcome: "busy"},
			{By: bartek, Due: at("2026-03-10 13:00"), At: at("2026-03-10 13:10"), Outcome: "voicemail"}}})
		// f4 cancelled: neither closed by calls nor due.
		k.followUp(kitFollowUp{Status: "cancelled", Due: at("2026-03-10 12:00"), Closed: at("2026-03-10 12:00")})
		// f5 due that day on Anna's list, f6 in the queue, both not made; f7 due that day,
		// made by Bartek only the next morning.
		f5, p5 := k.followUp(kitFollowUp{Status: "open", Assignee: anna, Due: at("2026-03-10 15:00")})
		f6, p6 := k.followUp(kitFollowUp{Status: "open", Due: at("2026-03-10 16:00")})
		f7, _ := k.followUp(kitFollowUp{Status: "open", Due: at("2026-03-12 09:00"), Tries: []kitTry{
			{By: bartek, Due: at("2026-03-10 17:00"), At: at("2026-03-11 08:00"), Outcome: "no_answer"}}})
		// f8 closed on the 11th: a wrong number.
		f8, p8 := k.followUp(kitFollowUp{Status: "wrong_number", Closed: at("2026-03-11 09:10"), Tries: []kitTry{
			{By: anna, Due: at("2026-03-11 09:00"), At: at("2026-03-11 09:10"), Outcome: "wrong_number"}}})
		s1 := k.survey(f1, p1, lis, at("2026-03-10 10:01"), 10)
		s2 := k.survey(f2, p2, lis, at("2026-03-10 10:31"), 9)
		s3 := k.survey(f3, p3, "", at("2026-03-10 18:00"), 7)
		s4 := k.survey(f5, p5, "", at("2026-03-10 23:59"), 3)
		k.survey(f6, p6, "", time.Time{}, 0)
		s6 := k.survey(f8, p8, "", at("2026-03-11 09:11"), 0)
		k.rebuild("2026-03-09", "2026-03-10", "2026-03-11")

		day := k.report("2026-03-10", "2026-03-10", "day", true)
		callsTotal(t, day["follow_up_first_reach"], 1, 3, callsValue(1.0/3))
		callsTotal(t, day["follow_up_reach"], 2, 3, callsValue(2.0/3))
		callsTotal(t, day["follow_up_completion"], 5, 8, callsValue(5.0/8))
		callsTotal(t, day["nps"], 1, 4, callsValue(25))
		if p := callsPerson(t, day["follow_up_completion"], anna).Total; p.Num != 3 || p.Den != 4 {
			t.Fatalf("Anna's calls %d/%d, want 3/4 (f1, f3 twice; f5 owed)", p.Num, p.Den)
		}
		if p := callsPerson(t, day["follow_up_completion"], bartek).Total; p.Num != 2 || p.Den != 3 {
			t.Fatalf("Bartek's calls %d/%d, want 2/3 (f2, f3; f7 made late)", p.Num, p.Den)
		}
		if n := len(day["follow_up_completion"].People); n != 2 {
			t.Fatalf("%d people, want 2 (the queue's call is no one's)", n)
		}
		wantRows(t, k, "follow_up_reach", "", callsWant(f1, 1, 1, f2, 1, 1, f3, 0, 1))
		wantRows(t, k, "follow_up_first_reach", "", callsWant(f1, 1, 1, f2, 0, 1, f3, 0, 1))
		wantRows(t, k, "follow_up_completion", "", callsWant(f1, 1, 1, f2, 1, 1, f3, 2, 2, f3, 1, 1, f5, 0, 1, f6, 0, 1, f7, 0, 1))
		wantRows(t, k, "follow_up_completion", bartek, callsWant(f2, 1, 1, f3, 1, 1, f7, 0, 1))
		wantRows(t, k, "nps", "", callsWant(s1, 1, 1, s2, 1, 1, s3, 0, 1, s4, -1, 1))

		// The doctor's part: Dr Lis's two follow-ups and two promoters.
		r, err := k.s.Figures(context.Background(), Query{BranchID: k.branch, From: "2026-03-10", To: "2026-03-10", By: "day", DoctorID: lis})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range r.Figures {
			switch s.Name {
			case "follow_up_reach":
				callsTotal(t, s, 2, 2, callsValue(1))
			case "follow_up_first_reach":
				callsTotal(t, s, 1, 2, callsValue(0.5))
			case "nps":
				callsTotal(t, s, 2, 2, callsValue(100))
			}
		}

		// The days around: the 9th's first call of f2, the 11th's wrong number and detractor.
		around := k.report("2026-03-09", "2026-03-11", "day", false)
		callsTotal(t, around["follow_up_completion"], 7, 10, callsValue(0.7))
		callsTotal(t, around["follow_up_reach"], 2, 4, callsValue(0.5))
		callsTotal(t, around["nps"], 0, 5, callsValue(0))
		if rows := k.rows("nps", "2026-03-11", "2026-03-11", ""); !slices.Equal(rows, callsWant(s6, -1, 1)) {
			t.Fatalf("11 March answers %v", rows)
		}
		callsDaysAddUp(t, k, "2026-03-09", "2026-03-11")
	})
}
