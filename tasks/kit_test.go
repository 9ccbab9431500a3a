package tasks_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// kit is the whole app over one database with two branches, Centrum and Mokotów.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	centre string
	south  string
	seq    int
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d), db: d}
	k.centre, k.south = k.branch("Centrum"), k.branch("Mokotów")
	return k
}

func (k *kit) branch(name string) string {
	k.t.Helper()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: name, Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours})
	if err != nil {
		k.t.Fatalf("branch: %v", err)
	}
	return b.ID
}

// open opens a task in a transaction of its own, as a feature would in its own.
func (k *kit) open(n tasks.New) string {
	k.t.Helper()
	var id string
	err := k.db.InTx(context.Background(), func(tx db.Tx) error {
		var err error
		id, err = k.env.Tasks.Open(context.Background(), tx, n)
		return err
	})
	if err != nil {
		k.t.Fatalf("open %s: %v", n.Kind, err)
	}
	return id
}

// desk signs a new administrator in (bound to branches, when given) and returns the
// client with the staff member's id.
func (k *kit) desk(branches ...string) (*apitest.Client, string) {
	k.t.Helper()
	c := k.env.SignIn(actor.Admin, branches...)
	var me struct {
		ID string `json:"id"`
	}
	c.Do(http.MethodGet, "/api/v1/me", nil).Decode(k.t, &me)
	return c, me.ID
}

// staffCtx is a context acting as a new administrator (made in the database).
func (k *kit) staffCtx() context.Context {
	k.t.Helper()
	k.seq++
	_, id := k.desk()
	return actor.With(context.Background(), actor.Actor{Kind: actor.Staff, StaffID: id, Role: actor.Admin})
}

func (k *kit) patient() clinic.Patient {
	k.t.Helper()
	k.seq++
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.centre,
		FirstName: "Anna", LastName: fmt.Sprintf("Nowak%d", k.seq), Phone: fmt.Sprintf("+4860%07d", 2000000+k.seq),
		Locale: "pl"})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p
}

// taskOut is the part of a task the tests read.
type taskOut struct {
	ID           string  `json:"id"`
	Kind         string  `json:"kind"`
	Text         string  `json:"text"`
	Status       string  `json:"status"`
	DueAt        string  `json:"due_at"`
	CreatedAt    string  `json:"created_at"`
	Queue        string  `json:"queue"`
	AssigneeID   *string `json:"assignee_id"`
	ClaimedBy    *string `json:"claimed_by"`
	DoneNote     string  `json:"done_note"`
	DoneBy       *string `json:"done_by"`
	AttemptCount int     `json:"attempt_count"`
	LastOutcome  *string `json:"last_outcome"`
	BranchID     *string `json:"branch_id"`
	Patient      *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"patient"`
}

type page struct {
	Items []taskOut `json:"items"`
	Next  string    `json:"next_cursor"`
}

// list GETs the tasks with query and returns their ids in order.
func list(t testing.TB, c *apitest.Client, query string) []string {
	t.Helper()
	r := c.Do(http.MethodGet, "/api/v1/tasks?"+query, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("list %s: %d %s", query, r.Status, r.Body)
	}
	var p page
	r.Decode(t, &p)
	ids := []string{}
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
