package figures

import (
	"slices"
	"testing"

	"github.com/google/uuid"
)

const sqlKitBranch = `INSERT INTO branches (id, name, country, time_zone, locale, currency, created_at, updated_at)
	VALUES (?, 'Other', 'PL', 'Europe/Warsaw', 'pl', 'PLN', ?, ?)`

// Tasks closed that day in each person's name and on time; the tasks overdue at the
// day's start, frozen by the first rebuild made on the day and read back as they stood
// at midnight, per assignee.
func TestWorkFiguresOfAScriptedDay(t *testing.T) {
	eachCallsDB(t, func(t *testing.T, k *callsKit) {
		anna, bartek := k.newStaff("anna"), k.newStaff("bartek")
		at := k.at
		t1 := k.task(kitTask{Assignee: anna, Created: at("2026-03-08 10:00"), Due: at("2026-03-09 11:00")})
		// t2 was overdue at midnight and closed late that morning, by Bartek.
		t2 := k.task(kitTask{Created: at("2026-03-09 10:00"), Due: at("2026-03-09 21:00"), DoneAt: at("2026-03-10 09:00"), DoneBy: bartek})
		t3 := k.task(kitTask{Created: at("2026-03-09 10:00"), Due: at("2026-03-10 13:00"), DoneAt: at("2026-03-10 10:00"), DoneBy: anna})
		k.task(kitTask{Created: at("2026-03-07 10:00"), Due: at("2026-03-08 10:00"), DoneAt: at("2026-03-09 13:00"), DoneBy: anna})
		// t5 closed by itself (a caller got through), late.
		t5 := k.task(kitTask{Kind: "callback", Created: at("2026-03-10 01:30"), Due: at("2026-03-10 02:00"), DoneAt: at("2026-03-10 06:00")})
		t6 := k.task(kitTask{Assignee: bartek, Created: at("2026-03-09 10:00"), Due: at("2026-03-09 23:00")})
		// Another branch's overdue task is not this branch's.
		other := uuid.NewString()
		k.exec(sqlKitBranch, other, at("2026-01-01 00:00"), at("2026-01-01 00:00"))
		k.task(kitTask{Branch: other, Assignee: anna, Created: at("2026-03-08 10:00"), Due: at("2026-03-09 11:00")})
		// t8 closed just after the next midnight; t10 due at midnight itself.
		t8 := k.task(kitTask{Created: at("2026-03-10 12:00"), Due: at("2026-03-11 08:00"), DoneAt: at("2026-03-11 00:30"), DoneBy: anna})
		t10 := k.task(kitTask{Assignee: anna, Created: at("2026-03-09 10:00"), Due: at("2026-03-10 00:00")})

		k.setNow(at("2026-03-10 10:30"))
		k.rebuild("2026-03-10")
		k.setNow(at("2026-03-11 07:00"))
		k.rebuild("2026-03-11", "2026-03-10", "2026-03-09")

		day := k.report("2026-03-10", "2026-03-10", "day", true)
		callsTotal(t, day["tasks_done"], 3, 3, callsValue(3))
		callsTotal(t, day["tasks_done_on_time"], 1, 3, callsValue(1.0/3))
		callsTotal(t, day["tasks_overdue"], 3, 3, callsValue(3))
		wantRows(t, k, "tasks_done", "", callsWant(t2, 1, 1, t3, 1, 1, t5, 1, 1))
		wantRows(t, k, "tasks_done_on_time", "", callsWant(t2, 0, 1, t3, 1, 1, t5, 0, 1))
		wantRows(t, k, "tasks_overdue", "", callsWant(t1, 1, 1, t2, 1, 1, t6, 1, 1))
		wantRows(t, k, "tasks_overdue", anna, callsWant(t1, 1, 1))
		for _, c := range []struct {
			figure, who string
			num, den    int64
		}{
			{"tasks_done", anna, 1, 1}, {"tasks_done", bartek, 1, 1},
			{"tasks_done_on_time", anna, 1, 1}, {"tasks_done_on_time", bartek, 0, 1},
			{"tasks_overdue", anna, 1, 1}, {"tasks_overdue", bartek, 1, 1},
		} {
			if p := callsPerson(t, day[c.figure], c.who).Total; p.Num != c.num || p.Den != c.den {
				t.Fatalf("%s of %s: %d/%d, want %d/%d", c.figure, c.who, p.Num, p.Den, c.num, c.den)
			}
		}
		if n := len(day["tasks_done"].People); n != 2 {
			t.Fatalf("%d people closed tasks, want 2 (a task that closed by itself is no one's)", n)
		}

		// The overdue level of a range is its newest day's: the 11th's t1, t6 and t10.
		both := k.report("2026-03-09", "2026-03-11", "day", true)
		callsTotal(t, both["tasks_overdue"], 3, 3, callsValue(3))
		if rows := k.rows("tasks_overdue", "2026-03-09", "2026-03-11", ""); !slices.Equal(rows, callsWant(t1, 1, 1, t6, 1, 1, t10, 1, 1)) {
			t.Fatalf("the range's overdue rows %v", rows)
		}
		if p := callsPerson(t, both["tasks_overdue"], anna).Total; p.Num != 2 {
			t.Fatalf("Anna's overdue tasks on the 11th: %d, want 2", p.Num)
		}
		// The 9th was rebuilt only after it: no baseline made later.
		if p := both["tasks_overdue"].Points[0]; p.Num != 0 {
			t.Fatalf("the 9th has a baseline made later: %+v", p)
		}
		callsTotal(t, both["tasks_done"], 5, 5, callsValue(5))
		callsTotal(t, both["tasks_done_on_time"], 2, 5, callsValue(0.4))
		if rows := k.rows("tasks_done", "2026-03-11", "2026-03-11", anna); !slices.Equal(rows, callsWant(t8, 1, 1)) {
			t.Fatalf("Anna's tasks on the 11th %v", rows)
		}
		callsDaysAddUp(t, k, "2026-03-09", "2026-03-11")
	})
}
