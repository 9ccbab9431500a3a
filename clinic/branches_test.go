package clinic_test

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestBranchCRUD(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		if b.Phone != "+48221234567" || !b.Active || b.Country != "PL" {
			t.Fatalf("created %+v", b)
		}
		got, err := s.Branch(ctx, b.ID)
		if err != nil || got.Name != "Mokotów" || got.Hours["mon"][0].Close != "20:00" || !got.CreatedAt.Equal(b.CreatedAt) {
			t.Fatalf("get = %+v, %v", got, err)
		}
		name := "Mokotów 2"
		up, err := s.UpdateBranch(ctx, b.ID, clinic.BranchPatch{Name: &name})
		if err != nil || up.Name != name || up.TimeZone != "Europe/Warsaw" || !up.UpdatedAt.After(b.UpdatedAt) {
			t.Fatalf("update = %+v, %v", up, err)
		}
		off, err := s.DeactivateBranch(ctx, b.ID)
		if err != nil || off.Active {
			t.Fatalf("deactivate = %+v, %v", off, err)
		}
		_, err = s.Branch(ctx, "0190aaaa-0000-7000-8000-00000000ffff")
		wantCode(t, err, "branch_not_found")
	})
}

func TestBranchListPagesAndScopes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		var ids []string
		for _, n := range []string{"E", "C", "A", "D", "B"} {
			in := warsaw()
			in.Name = n
			ids = append(ids, mustBranch(t, s, in).ID)
		}
		var names []string
		cursor := ""
		for pages := 0; ; pages++ {
			p, err := s.Branches(ctx, clinic.BranchFilter{Cursor: cursor, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range p.Items {
				names = append(names, b.Name)
			}
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		if got := strings.Join(names, " "); got != "A B C D E" {
			t.Fatalf("pages = %q", got)
		}
		p, err := s.Branches(as(actor.Doctor, ids[0], ids[1]), clinic.BranchFilter{})
		if err != nil || len(p.Items) != 2 || p.Items[0].Name != "C" {
			t.Fatalf("doctor sees %+v, %v", p.Items, err)
		}
		if _, err := s.Branch(as(actor.Nurse, ids[0]), ids[2]); err == nil {
			t.Fatal("a nurse read a branch she does not work at")
		}
	})
}
