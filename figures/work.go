package figures

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// workFigures are the work figures, in the dashboard's order: the branch's tasks
// (inbox_tasks with its branch; tasks of no branch are counted nowhere).
var workFigures = []Definition{
	{Name: "tasks_done", Group: "work", Unit: Count, Sum: Add, HigherIsBetter: true, PerPerson: true, Subject: "task",
		Text: "Tasks closed that day; a person's part is the tasks closed in their name (tasks that closed by themselves, such as a missed caller who got through or a review reply posted, count in the branch's whole only)."},
	{Name: "tasks_done_on_time", Group: "work", Unit: Ratio, Sum: Add, HigherIsBetter: true, PerPerson: true, Subject: "task",
		Text: "Tasks closed that day by their due time ÷ tasks closed that day; a person's part is the tasks closed in their name."},
	{Name: "tasks_overdue", Group: "work", Unit: Count, Sum: Last, PerPerson: true, Subject: "task",
		Text: "Tasks open at the start of the day (the branch's midnight) whose due time had passed; a person's part is those assigned to them (unassigned ones count in the branch's whole only)."},
}

// workCollectors count the work figures; the overdue tasks are the day's frozen level.
func (s *Service) workCollectors() []Collector {
	return []Collector{
		{Name: "tasks_done", Figures: []string{"tasks_done", "tasks_done_on_time"}, Collect: collectTasksDone},
		{Name: "tasks_overdue", Figures: []string{"tasks_overdue"}, Frozen: true, Collect: collectTasksOverdue},
	}
}

// workTask is one task of the branch, with who closed it or whose it is.
type workTask struct {
	ID     string     `db:"id"`
	Kind   string     `db:"kind"`
	Text   string     `db:"text"`
	DueAt  time.Time  `db:"due_at"`
	DoneAt *time.Time `db:"done_at"`
	// Person is who closed it (done) or its assignee (overdue).
	Person *string `db:"person"`
}

// label is the task's kind and the start of its text.
func (t workTask) label() string {
	text := []rune(strings.TrimSpace(t.Text))
	if len(text) > 80 {
		text = append(text[:79], '…')
	}
	return strings.ReplaceAll(t.Kind, "_", " ") + ": " + string(text)
}

const sqlTasksDone = `SELECT id, kind, text, due_at, done_at, done_by AS person FROM inbox_tasks
	WHERE branch_id = ? AND status = 'done' AND done_at >= ? AND done_at < ?
	ORDER BY id`

// collectTasksDone makes each task closed that day's rows, in the name it was closed in.
func collectTasksDone(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var ts []workTask
	if err := db.Select(ctx, q, &ts, sqlTasksDone, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	out := make([]Fact, 0, 2*len(ts))
	for _, t := range ts {
		row := Fact{Subject: "task", SubjectID: t.ID, StaffID: textOf(t.Person), Den: 1, Label: t.label(), At: utcAt(*t.DoneAt)}
		done, onTime := row, row
		done.Figure, done.Num = "tasks_done", 1
		onTime.Figure, onTime.Num = "tasks_done_on_time", oneIf(!t.DoneAt.After(t.DueAt))
		out = append(out, done, onTime)
	}
	return out, nil
}

// sqlTasksOverdue are the tasks open at an instant (made before it, not yet done then)
// and due before it, read back from the rows, so a rebuild made later that morning
// still sees the tasks closed since midnight.
const sqlTasksOverdue = `SELECT id, kind, text, due_at, done_at, assignee_id AS person FROM inbox_tasks
	WHERE branch_id = ? AND created_at < ? AND due_at < ? AND (status = 'open' OR done_at >= ?)
	ORDER BY id`

// collectTasksOverdue makes one row per task overdue at the day's start, in its
// assignee's name.
func collectTasksOverdue(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var ts []workTask
	if err := db.Select(ctx, q, &ts, sqlTasksOverdue, b.ID, d.Start, d.Start, d.Start); err != nil {
		return nil, err
	}
	out := make([]Fact, 0, len(ts))
	for _, t := range ts {
		out = append(out, Fact{Figure: "tasks_overdue", Subject: "task", SubjectID: t.ID, StaffID: textOf(t.Person),
			Num: 1, Den: 1, Label: t.label(), At: utcAt(t.DueAt)})
	}
	return out, nil
}
