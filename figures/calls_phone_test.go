package figures

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

const (
	sqlKitCall = `INSERT INTO calls (id, branch_id, line_id, provider, provider_call_id, direction, from_number, to_number,
		answered_by, ring_at, answer_at, end_at, disposition) VALUES (?, ?, ?, 'generic', ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlKitCallback = `INSERT INTO call_callbacks (call_id, branch_id, number, task_id, missed_at, due_at, closed_at,
		resolution, closing_call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlKitGuardian = `INSERT INTO patient_guardians (patient_id, guardian_id, created_at) VALUES (?, ?, ?)`
	sqlKitVisit    = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at,
		ends_at, blocked_until, status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'phone', ?, ?)`
)

// kitCall is a call as telephony stores it: Answer and End are seconds after the ring
// (Answer 0: never answered).
type kitCall struct {
	Direction, From, To, By, Disposition string
	Ring                                 time.Time
	Answer, End                          int
}

func (k *callsKit) call(c kitCall) string {
	id := uuid.NewString()
	if c.Direction == "" {
		c.Direction = "inbound"
	}
	var answer any
	if c.Answer > 0 {
		answer = c.Ring.Add(time.Duration(c.Answer) * time.Second)
	}
	k.exec(sqlKitCall, id, k.branch, k.line, id, c.Direction, c.From, c.To, callsNull(c.By), c.Ring, answer,
		c.Ring.Add(time.Duration(c.End)*time.Second), c.Disposition)
	return id
}

// callback stores the callback a missed call was owed, with its task (done at closed
// by doneBy when the desk closed it; by nobody when a call settled it).
func (k *callsKit) callback(call, number string, missed time.Time, closed time.Time, resolution, closing, doneBy string) {
	task := k.task(kitTask{Kind: "callback", Text: "Missed call from " + number, Created: missed,
		Due: missed.Add(15 * time.Minute), DoneAt: closed, DoneBy: doneBy})
	var closedAt any
	if resolution != "" {
		closedAt = closed
	}
	k.exec(sqlKitCallback, call, k.branch, number, task, missed, missed.Add(15*time.Minute), closedAt,
		callsNull(resolution), callsNull(closing))
}

// visit stores a visit made at created for patient, in status.
func (k *callsKit) visit(patient string, created time.Time, status string) {
	start := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(k.next()) * time.Hour)
	k.exec(sqlKitVisit, uuid.NewString(), k.branch, patient, k.service, k.doctor, k.chair, start,
		start.Add(30*time.Minute), start.Add(40*time.Minute), status, created, created)
}

// callsDay is the scripted 10 March 2026 in Warsaw (UTC+1) and the days around it.
type callsDay struct {
	c1, c2, c3, c4, c5, c7, c8, c10, c11, c12, early string
	anna, bartek                                     string
}

func scriptCalls(k *callsKit) callsDay {
	var s callsDay
	s.anna, s.bartek = k.newStaff("anna"), k.newStaff("bartek")
	long := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	k.patient("Piotr", "+48601000001", long)
	child, parent := k.patient("Kasia", "", long), k.patient("Marta", "+48601000004", long)
	k.exec(sqlKitGuardian, child, parent, long)
	// 1 March: a number first heard, missed; it is known on the 10th.
	s.early = k.call(kitCall{From: "+48601000012", Ring: k.at("2026-03-01 12:00"), End: 40, Disposition: "missed"})

	// 10 March. Answered: 20 s just after midnight, 5 s, 30 s (a new number), 12 s, 25 s.
	s.c10 = k.call(kitCall{From: "+48601000001", By: s.anna, Ring: k.at("2026-03-10 00:30"), Answer: 20, End: 180, Disposition: "answered"})
	s.c1 = k.call(kitCall{From: "+48601000001", By: s.anna, Ring: k.at("2026-03-10 08:00"), Answer: 5, End: 240, Disposition: "answered"})
	s.c2 = k.call(kitCall{From: "+48601000002", By: s.bartek, Ring: k.at("2026-03-10 08:10"), Answer: 30, End: 300, Disposition: "answered"})
	// c3, new, missed: called back by Bartek 12 minutes later and answered (within 15).
	s.c3 = k.call(kitCall{From: "+48601000003", Ring: k.at("2026-03-10 09:00"), End: 40, Disposition: "missed"})
	back := k.call(kitCall{Direction: "outbound", To: "+48601000003", By: s.bartek, Ring: k.at("2026-03-10 09:12"), Answer: 40, End: 120, Disposition: "answered"})
	k.callback(s.c3, "+48601000003", k.at("2026-03-10 09:00:40"), k.at("2026-03-10 09:12:40"), "recovered", back, "")
	// c4, a known parent's number, busy; she rang again (c5) and got through.
	s.c4 = k.call(kitCall{From: "+48601000004", Ring: k.at("2026-03-10 09:30"), End: 30, Disposition: "busy"})
	s.c5 = k.call(kitCall{From: "+48601000004", By: s.anna, Ring: k.at("2026-03-10 09:35"), Answer: 12, End: 180, Disposition: "answered"})
	k.callback(s.c4, "+48601000004", k.at("2026-03-10 09:30:30"), k.at("2026-03-10 09:35:12"), "self_recovered", s.c5, "")
	// A short abandon is no offered call and no caller.
	k.call(kitCall{From: "+48601000006", Ring: k.at("2026-03-10 10:00"), End: 3, Disposition: "short_abandon"})
	// c7, new, voicemail: Anna closed its task by hand 40 minutes later (late).
	s.c7 = k.call(kitCall{From: "+48601000007", Ring: k.at("2026-03-10 10:20"), End: 60, Disposition: "voicemail"})
	k.callback(s.c7, "+48601000007", k.at("2026-03-10 10:21"), k.at("2026-03-10 11:01"), "", "", s.anna)
	// c8, new, missed, still owed.
	s.c8 = k.call(kitCall{From: "+48601000008", Ring: k.at("2026-03-10 11:00"), End: 50, Disposition: "missed"})
	k.callback(s.c8, "+48601000008", k.at("2026-03-10 11:00:50"), time.Time{}, "", "", "")
	// c12: answered, its answer arrived after its hangup; the callback it opened was never owed.
	s.c12 = k.call(kitCall{From: "+48601000012", By: s.bartek, Ring: k.at("2026-03-10 12:00"), Answer: 25, End: 180, Disposition: "answered"})
	k.callback(s.c12, "+48601000012", k.at("2026-03-10 12:03"), k.at("2026-03-10 12:03"), "answered", s.c12, "")
	// 11 March just after midnight: missed, owed.
	s.c11 = k.call(kitCall{From: "+48601000011", Ring: k.at("2026-03-11 00:10"), End: 60, Disposition: "missed"})
	k.callback(s.c11, "+48601000011", k.at("2026-03-11 00:11"), time.Time{}, "", "", "")

	// Bookings after the calls. c2's caller booked two days later: converted.
	p2 := k.patient("Jan", "+48601000002", k.at("2026-03-11 10:00"))
	k.visit(p2, k.at("2026-03-12 10:00"), "booked")
	// c3's caller booked 7 days and 2 hours after the call: too late.
	p3 := k.patient("Ola", "+48601000003", k.at("2026-03-10 09:20"))
	k.visit(p3, k.at("2026-03-17 11:00"), "booked")
	// c7's number is a parent's: her child's visit, booked the next day, converts.
	k7, g7 := k.patient("Zosia", "", k.at("2026-03-10 11:31")), k.patient("Ewa", "+48601000007", k.at("2026-03-10 11:30"))
	k.exec(sqlKitGuardian, k7, g7, k.at("2026-03-10 11:31"))
	k.visit(k7, k.at("2026-03-11 09:00"), "booked")
	// c8's caller only held times that lapsed.
	p8 := k.patient("Adam", "+48601000008", k.at("2026-03-10 11:10"))
	k.visit(p8, k.at("2026-03-10 11:15"), "released")
	k.visit(p8, k.at("2026-03-10 11:20"), "held")
	return s
}

// The answer and callback figures of a scripted day, as telephony counts them, the
// rows behind each and who returned each callback.
func TestCallFiguresOfAScriptedDay(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		s := scriptCalls(k)
		k.rebuild("2026-03-01", "2026-03-10", "2026-03-11")
		day := k.report("2026-03-10", "2026-03-10", "day", true)
		callsTotal(t, day["calls_offered"], 9, 9, callsValue(9))
		callsTotal(t, day["calls_answered"], 5, 9, callsValue(5.0/9))
		callsTotal(t, day["abandon_rate"], 4, 9, callsValue(4.0/9))
		callsTotal(t, day["service_level_20s"], 3, 9, callsValue(3.0/9))
		callsTotal(t, day["speed_of_answer"], 92, 5, callsValue(92.0/5))
		callsTotal(t, day["callback_time"], 2, 2, callsValue(26))
		callsTotal(t, day["callback_within_target"], 1, 4, callsValue(0.25))
		callsTotal(t, day["recovered_share"], 2, 4, callsValue(0.5))
		callsTotal(t, day["new_caller_conversion"], 2, 4, callsValue(0.5))

		offered := []any{s.c10, 1, 1, s.c1, 1, 1, s.c2, 1, 1, s.c3, 1, 1, s.c4, 1, 1, s.c5, 1, 1, s.c7, 1, 1, s.c8, 1, 1, s.c12, 1, 1}
		wantRows(t, k, "calls_offered", "", callsWant(offered...))
		wantRows(t, k, "speed_of_answer", "", callsWant(s.c10, 20, 1, s.c1, 5, 1, s.c2, 30, 1, s.c5, 12, 1, s.c12, 25, 1))
		wantRows(t, k, "service_level_20s", "", callsWant(s.c10, 1, 1, s.c1, 1, 1, s.c2, 0, 1, s.c3, 0, 1, s.c4, 0, 1,
			s.c5, 1, 1, s.c7, 0, 1, s.c8, 0, 1, s.c12, 0, 1))
		wantRows(t, k, "callback_time", "", callsWant(s.c3, 12, 1, s.c7, 40, 1))
		wantRows(t, k, "callback_time", s.bartek, callsWant(s.c3, 12, 1))
		wantRows(t, k, "callback_within_target", "", callsWant(s.c3, 1, 1, s.c4, 0, 1, s.c7, 0, 1, s.c8, 0, 1))
		wantRows(t, k, "recovered_share", "", callsWant(s.c3, 1, 1, s.c4, 1, 1, s.c7, 0, 1, s.c8, 0, 1))
		wantRows(t, k, "new_caller_conversion", "", callsWant(s.c2, 1, 1, s.c3, 0, 1, s.c7, 1, 1, s.c8, 0, 1))

		// Each person's callback median is of the callbacks they returned.
		if p := callsPerson(t, day["callback_time"], s.bartek).Total; p.Value == nil || *p.Value != 12 {
			t.Fatalf("Bartek's callback median %+v, want 12", p)
		}
		if p := callsPerson(t, day["callback_time"], s.anna).Total; p.Value == nil || *p.Value != 40 {
			t.Fatalf("Anna's callback median %+v, want 40", p)
		}
		if len(day["callback_time"].People) != 2 || len(day["calls_answered"].People) != 0 {
			t.Fatalf("people: %+v / %+v", day["callback_time"].People, day["calls_answered"].People)
		}
	})
}

// The days around it: a call just after local midnight is the next day's, the first
// caller of a number is new once, and the days add up to the range.
func TestCallFiguresAddUpOverDays(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		s := scriptCalls(k)
		k.rebuild("2026-03-01", "2026-03-10", "2026-03-11")
		next := k.report("2026-03-11", "2026-03-11", "day", false)
		callsTotal(t, next["calls_offered"], 1, 1, callsValue(1))
		callsTotal(t, next["callback_within_target"], 0, 1, callsValue(0))
		callsTotal(t, next["new_caller_conversion"], 0, 1, callsValue(0))
		if rows := k.rows("abandon_rate", "2026-03-11", "2026-03-11", ""); !slices.Equal(rows, callsWant(s.c11, 1, 1)) {
			t.Fatalf("11 March abandons %v", rows)
		}
		all := k.report("2026-03-01", "2026-03-11", "month", false)
		callsTotal(t, all["calls_offered"], 11, 11, callsValue(11))
		callsTotal(t, all["new_caller_conversion"], 2, 6, callsValue(2.0/6))
		callsTotal(t, all["callback_time"], 2, 2, callsValue(26))
		callsDaysAddUp(t, k, "2026-03-01", "2026-03-11")
		// Rebuilding again changes nothing.
		k.rebuild("2026-03-10")
		callsTotal(t, k.report("2026-03-10", "2026-03-10", "day", false)["calls_offered"], 9, 9, callsValue(9))
		if rows := k.rows("new_caller_conversion", "2026-03-01", "2026-03-01", ""); !slices.Equal(rows, callsWant(s.early, 0, 1)) {
			t.Fatalf("1 March new callers %v", rows)
		}
	})
}

// wantRows checks the rows behind a figure on 10 March.
func wantRows(t *testing.T, k *callsKit, figure, staff string, want []string) {
	t.Helper()
	got := k.rows(figure, "2026-03-10", "2026-03-10", staff)
	if !slices.Equal(got, want) {
		t.Fatalf("%s rows (staff %q):\n got %v\nwant %v", figure, staff, got, want)
	}
}

// The labels say what each row is, in the branch's time.
func TestCallRowsAreLabelled(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		s := scriptCalls(k)
		k.rebuild("2026-03-10")
		page, err := k.s.Rows(context.Background(), "callback_time", RowsQuery{BranchID: k.branch, From: "2026-03-10",
			To: "2026-03-10", StaffID: s.anna, Limit: 10})
		if err != nil || len(page.Rows) != 1 {
			t.Fatal(err, page.Rows)
		}
		r := page.Rows[0]
		if r.Label != "+48601000007 missed at 10:21, closed by hand after 40 min" || r.At == nil || !r.At.Equal(k.at("2026-03-10 11:01")) {
			t.Fatalf("row %+v (at %v)", r, r.At)
		}
		page, err = k.s.Rows(context.Background(), "speed_of_answer", RowsQuery{BranchID: k.branch, From: "2026-03-10",
			To: "2026-03-10", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		labels := fmt.Sprint(page.Rows)
		if !slices.ContainsFunc(page.Rows, func(f Fact) bool { return f.Label == "+48601000001 at 00:30, answered in 20 s" }) {
			t.Fatalf("labels %s", labels)
		}
		page, err = k.s.Rows(context.Background(), "new_caller_conversion", RowsQuery{BranchID: k.branch, From: "2026-03-10",
			To: "2026-03-10", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range page.Rows {
			got[r.SubjectID] = r.Label
		}
		if got[s.c7] != "+48601000007, visit booked 2026-03-11" || got[s.c3] != "+48601000003, no visit booked within 7 days" {
			t.Fatalf("labels %v", got)
		}
	})
}
