package console_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// second starts another instance of the app over the same database, its clock at the
// first one's, as a clinic runs several instances behind one address.
func (k *dayKit) second(t *testing.T, d *db.DB) *kit {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	e := apitest.NewEnv(t, d, func(c *app.Config) { c.PublicURL = base })
	e.Clock.Advance(k.e.Clock.Now().Sub(e.Clock.Now()))
	go func() { _ = e.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = e.HTTP.ShutdownWithTimeout(2 * time.Second) })
	return &kit{t: t, e: e, base: base}
}

// A check-in at a desk served by one instance reaches the poll of a desk served by
// another within one poll: the change cursor is read from the shared database, never
// from an instance's memory. The same on one SQLite file and on PostgreSQL.
func TestAChangeThroughOneInstanceReachesTheOthersPoll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(9, 50)
		other := k.second(t, d)
		email := k.staffMember(actor.Admin, k.f.Branch.ID)
		here, there := k.desk(), other.desk()
		here.signIn(email)
		there.signIn(email)
		changes := "/console/today/changes?branch=" + k.f.Branch.ID + "&date=" + k.f.Day.Format(time.DateOnly)
		etag := here.getWith(changes, nil).Header.Get("ETag")
		if still := here.getWith(changes, map[string]string{"If-None-Match": etag}); still.Status != http.StatusNotModified {
			t.Fatalf("unchanged poll: %d, want 304", still.Status)
		}
		back := k.dayPath()
		if r := there.postFrom(back, "/console/today/visits/"+v.ID+"/check-in", url.Values{"back": {back}}); r.Status != http.StatusSeeOther {
			t.Fatalf("check in through the other instance: %d\n%s", r.Status, r.Body)
		}
		next := here.getWith(changes, map[string]string{"If-None-Match": etag})
		if next.Status != http.StatusOK || !strings.Contains(rowOf(next.Body, v.ID), "przybył") {
			t.Fatalf("the first instance's poll after the check-in: %d\n%s", next.Status, rowOf(next.Body, v.ID))
		}
	})
}
