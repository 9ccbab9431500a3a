package maintenance_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kit is the whole app over one database with a Warsaw branch, a nurse who works
// there, the branch's owner and an owner of the whole network.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	branch string
	warsaw *time.Location
	nurse  *apitest.Client
	owner  *apitest.Client // the network's: the tasks list, and a second owner to pass over
	boss   *apitest.Client // the branch's own owner, whom escalations reach
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d), db: d}
	k.warsaw, _ = time.LoadLocation("Europe/Warsaw")
	k.branch = k.newBranch("Centrum")
	k.nurse = k.env.SignIn(actor.Nurse, k.branch)
	k.owner = k.env.As(actor.Owner)
	k.boss = k.env.SignIn(actor.Owner, k.branch)
	return k
}

func (k *kit) newBranch(name string) string {
	k.t.Helper()
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: name, Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
		Hours: clinic.OpeningHours{clinic.Weekdays[0]: {{Open: "08:00", Close: "16:00"}}}})
	if err != nil {
		k.t.Fatalf("branch: %v", err)
	}
	return b.ID
}

// at sets the clock to a wall time in Warsaw ("2026-03-26 10:00").
func (k *kit) at(wall string) {
	k.t.Helper()
	want, err := time.ParseInLocation("2006-01-02 15:04", wall, k.warsaw)
	if err != nil {
		k.t.Fatal(err)
	}
	k.env.Clock.Advance(want.Sub(k.env.Clock.Now()))
}

// id is the signed-in staff member's id.
func (k *kit) id(c *apitest.Client) string {
	k.t.Helper()
	var me struct {
		ID string `json:"id"`
	}
	c.Do(http.MethodGet, "/api/v1/me", nil).Decode(k.t, &me)
	return me.ID
}

// job is a maintenance job as the API answers it.
type job struct {
	ID          string  `json:"id"`
	NextDueOn   *string `json:"next_due_on"`
	TaskID      *string `json:"task_id"`
	Escalated   bool    `json:"escalated"`
	Active      bool    `json:"active"`
	State       string  `json:"state"`
	DaysOverdue int     `json:"days_overdue"`
	EveryUnit   *string `json:"every_unit"`
}

// create adds a job to the branch as the nurse.
func (k *kit) create(body map[string]any) job {
	k.t.Helper()
	body["branch_id"] = k.branch
	r := k.nurse.Do(http.MethodPost, "/api/v1/maintenance", body)
	if r.Status != http.StatusCreated {
		k.t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var j job
	r.Decode(k.t, &j)
	return j
}

// done records a job done as c and returns the job as it stands after.
func (k *kit) done(c *apitest.Client, id, note string) job {
	k.t.Helper()
	r := c.Do(http.MethodPost, "/api/v1/maintenance/"+id+"/done", map[string]any{"note": note})
	if r.Status != http.StatusOK {
		k.t.Fatalf("done: %d %s", r.Status, r.Body)
	}
	var out struct {
		Job job `json:"job"`
	}
	r.Decode(k.t, &out)
	return out.Job
}

func (k *kit) get(id string) job {
	k.t.Helper()
	r := k.nurse.Do(http.MethodGet, "/api/v1/maintenance/"+id, nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("get: %d %s", r.Status, r.Body)
	}
	var out struct {
		Job job `json:"job"`
	}
	r.Decode(k.t, &out)
	return out.Job
}

func (k *kit) sweep() {
	k.t.Helper()
	if err := k.env.Maintenance.Sweep(context.Background()); err != nil {
		k.t.Fatalf("sweep: %v", err)
	}
}

// task is a maintenance task as the desk's list shows it.
type task struct {
	ID         string  `json:"id"`
	Text       string  `json:"text"`
	Status     string  `json:"status"`
	AssigneeID *string `json:"assignee_id"`
	DoneNote   string  `json:"done_note"`
	DueAt      string  `json:"due_at"`
}

// tasks lists the maintenance tasks of every status, newest first.
func (k *kit) tasks() []task {
	k.t.Helper()
	q := url.Values{"kind": {"maintenance"}, "status": {"all"}}
	r := k.owner.Do(http.MethodGet, "/api/v1/tasks?"+q.Encode(), nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("tasks: %d %s", r.Status, r.Body)
	}
	var out struct {
		Items []task `json:"items"`
	}
	r.Decode(k.t, &out)
	return out.Items
}

// refused expects a problem with status naming field (or carrying that code).
func refused(t testing.TB, r *apitest.Response, status int, fieldOrCode string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got %d %s, want %d %s", r.Status, r.Body, status, fieldOrCode)
	}
	p := r.Problem(t)
	if p.Code == fieldOrCode {
		return
	}
	for _, f := range p.Errors {
		if f.Field == fieldOrCode {
			return
		}
	}
	t.Fatalf("problem %s does not name %s: %s", p.Code, fieldOrCode, r.Body)
}
