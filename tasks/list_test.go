package tasks_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/tasks"
)

func TestOpenDefaultsAndRefusesUnknownKinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient()
		id := k.open(tasks.New{Kind: tasks.Reply, BranchID: &k.centre, PatientID: &p.ID, Text: "Czy mogę przyjść o 10?"})
		var got page
		k.env.As(actor.Owner).Do(http.MethodGet, "/api/v1/tasks", nil).Decode(t, &got)
		if len(got.Items) != 1 || got.Items[0].ID != id || got.Items[0].Queue != tasks.FrontDesk ||
			got.Items[0].DueAt != got.Items[0].CreatedAt || got.Items[0].Patient == nil ||
			got.Items[0].Patient.Name != p.FirstName+" "+p.LastName || got.Items[0].AttemptCount != 0 {
			t.Fatalf("opened %+v", got)
		}
		err := d.InTx(t.Context(), func(tx db.Tx) error {
			_, err := k.env.Tasks.Open(t.Context(), tx, tasks.New{Kind: "urgent"})
			return err
		})
		if err != tasks.ErrBadTask {
			t.Errorf("unknown kind: %v", err)
		}
	})
}

func TestListFiltersByKindBranchAssigneeAndDue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		desk, me := k.desk()
		now := k.env.Clock.Now()
		reply := k.open(tasks.New{Kind: tasks.Reply, BranchID: &k.centre})
		call := k.open(tasks.New{Kind: tasks.FollowUpCall, BranchID: &k.south, DueAt: now.Add(48 * time.Hour),
			AssigneeID: &me})
		stock := k.open(tasks.New{Kind: tasks.Stock, BranchID: &k.south, DueAt: now.Add(2 * time.Hour), Queue: "nurses"})
		cases := map[string][]string{
			"":                     {stock, call, reply},
			"kind=follow_up_call":  {call},
			"branch_id=" + k.south: {stock, call},
			"assignee=me":          {call},
			"due_before=" + url.QueryEscape(stamp(now.Add(3*time.Hour))): {stock, reply},
			"kind=reply&branch_id=" + k.south:                            {},
		}
		for q, want := range cases {
			if got := list(t, desk, q); !slices.Equal(got, want) {
				t.Errorf("%q: got %v, want %v", q, got, want)
			}
		}
		other, _ := k.desk()
		if got := list(t, other, "assignee=me"); len(got) != 0 {
			t.Errorf("someone else's assignments: %v", got)
		}
	})
}

func TestListPagesNewestFirstAndByStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		desk, _ := k.desk()
		var ids []string
		for range 3 {
			ids = append(ids, k.open(tasks.New{Kind: tasks.Unmatched, Text: "hello"}))
			k.env.Clock.Advance(time.Second)
		}
		var first page
		desk.Do(http.MethodGet, "/api/v1/tasks?limit=2", nil).Decode(t, &first)
		if len(first.Items) != 2 || first.Items[0].ID != ids[2] || first.Next == "" {
			t.Fatalf("first page %+v", first)
		}
		if rest := list(t, desk, "limit=2&cursor="+url.QueryEscape(first.Next)); !slices.Equal(rest, ids[:1]) {
			t.Fatalf("second page %v", rest)
		}
		if r := desk.Do(http.MethodPost, "/api/v1/tasks/"+ids[0]+"/done", nil); r.Status != http.StatusOK {
			t.Fatalf("done: %d %s", r.Status, r.Body)
		}
		if got := list(t, desk, "status=done"); !slices.Equal(got, ids[:1]) {
			t.Errorf("done: %v", got)
		}
		if got := list(t, desk, "status=all"); len(got) != 3 {
			t.Errorf("all: %v", got)
		}
		if got := list(t, desk, ""); len(got) != 2 {
			t.Errorf("open: %v", got)
		}
	})
}

// TestBranchNarrowing: an administrator bound to a branch works that branch's tasks
// and those of no branch; an owner and an unbound administrator see every branch.
func TestBranchNarrowing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		centre := k.open(tasks.New{Kind: tasks.Reply, BranchID: &k.centre})
		south := k.open(tasks.New{Kind: tasks.Reply, BranchID: &k.south})
		stranger := k.open(tasks.New{Kind: tasks.Unmatched})
		bound, _ := k.desk(k.centre)
		if got := list(t, bound, "status=all"); !slices.Equal(got, []string{stranger, centre}) {
			t.Errorf("bound admin sees %v", got)
		}
		if got := list(t, bound, "branch_id="+k.south); len(got) != 0 {
			t.Errorf("bound admin asking for another branch sees %v", got)
		}
		for _, action := range []string{"claim", "release", "done"} {
			if r := bound.Do(http.MethodPost, "/api/v1/tasks/"+south+"/"+action, nil); r.Status != http.StatusNotFound {
				t.Errorf("%s another branch's task: %d %s", action, r.Status, r.Body)
			}
		}
		unbound, _ := k.desk()
		if got := list(t, unbound, ""); len(got) != 3 {
			t.Errorf("unbound admin sees %v", got)
		}
		if got := list(t, k.env.As(actor.Owner), ""); len(got) != 3 {
			t.Errorf("owner sees %v", got)
		}
	})
}

// The manager's queue (service recovery after a low survey score) lists apart.
func TestListFiltersByQueue(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		branch := k.branch("Centrum")
		desk := k.open(tasks.New{Kind: tasks.FollowUpCall, BranchID: &branch, Text: "call back"})
		manager := k.open(tasks.New{Kind: tasks.FollowUpCall, BranchID: &branch, Text: "unhappy", Queue: "manager"})
		c, _ := k.desk(branch)
		if got := list(t, c, "queue=manager"); len(got) != 1 || got[0] != manager {
			t.Errorf("manager's queue: %v, want %s", got, manager)
		}
		if got := list(t, c, "queue=front_desk"); len(got) != 1 || got[0] != desk {
			t.Errorf("front desk's queue: %v, want %s", got, desk)
		}
	})
}
