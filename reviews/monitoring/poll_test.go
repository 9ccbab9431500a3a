package monitoring_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A first poll pages through every review; the next stops at the newest already seen;
// a new review and an edit are stored once each, the edit reopening the reply task the
// desk had closed; a reply made on Google counts as posted by no one at its time.
func TestPollPagesAndStopsAtNewestSeen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		g := k.google
		g.put("r1", "Anna", 2, "Długo czekałam na wizytę.", day(1, 10), day(1, 10))
		g.put("r2", "", 5, "Super!", day(2, 10), day(2, 10))
		g.put("r3", "Piotr", 4, "", day(3, 10), day(3, 10))
		g.put("r4", "Ewa", 1, "Bolało", day(4, 10), day(4, 10))
		g.put("r5", "Jan", 5, "Polecam", day(5, 10), day(5, 10))
		g.reply("r5", "Dziękujemy, Janie!", day(5, 12))
		src := k.googleSource()
		if src.AccountID != g.account || src.LocationID != g.location || !src.HasToken {
			t.Fatalf("source: %+v", src)
		}

		after, got := k.poll(src.ID)
		if got != (intake{Received: 5, New: 5}) || g.served() != 3 || after.LastError != "" || after.NewestSeenAt == nil {
			t.Fatalf("first poll: %+v, %d pages, source %+v", got, g.served(), after)
		}
		if seen, _ := time.Parse(time.RFC3339, *after.NewestSeenAt); !seen.Equal(day(5, 10)) {
			t.Errorf("newest seen %s, want r5's update time", *after.NewestSeenAt)
		}
		all := k.reviews("all")
		if len(all) != 5 || all[0].ExternalID != "r5" || all[4].ExternalID != "r1" {
			t.Fatalf("reviews newest first: %+v", all)
		}
		r5 := all[0]
		if r5.ReplyStatus != "posted" || r5.PostedBy != nil || r5.FirstReplyAt == nil || r5.TaskID != nil ||
			!sameInstant(*r5.FirstReplyAt, day(5, 12)) || r5.ReplyText != "Dziękujemy, Janie!" {
			t.Fatalf("a reply made on Google: %+v", r5)
		}
		if r2 := k.byExternal("r2"); r2.Author != "" || !r2.TaskOpen {
			t.Fatalf("anonymous review: %+v", r2)
		}
		ts := k.tasks()
		if len(ts) != 4 || !hasTask(ts, "Nowa opinia 2★ w Google od Anna: Długo czekałam na wizytę.") ||
			!hasTask(ts, "Nowa opinia 5★ w Google od anonim: Super!") || !hasTask(ts, "Nowa opinia 4★ w Google od Piotr") {
			t.Fatalf("tasks: %+v", ts)
		}
		if u := k.reviews("unreplied"); len(u) != 4 {
			t.Errorf("unreplied: %d", len(u))
		}

		_, got = k.poll(src.ID)
		if got != (intake{}) || g.served() != 4 {
			t.Fatalf("nothing new: %+v after %d pages, want one page read", got, g.served())
		}

		r1 := k.byExternal("r1")
		k.closeTask(*r1.TaskID)
		g.put("r6", "Ola", 3, "Ok", day(6, 10), day(6, 10))
		g.put("r1", "Anna", 4, "Długo czekałam, ale było warto.", day(1, 10), day(6, 9))
		_, got = k.poll(src.ID)
		if got != (intake{Received: 2, New: 1, Changed: 1}) || g.served() != 6 {
			t.Fatalf("a new and an edited review: %+v after %d pages", got, g.served())
		}
		edited := k.byExternal("r1")
		if edited.Rating != 4 || edited.Comment != "Długo czekałam, ale było warto." || !edited.TaskOpen ||
			edited.TaskID == nil || *edited.TaskID == *r1.TaskID || len(k.reviews("all")) != 6 {
			t.Fatalf("edited review: %+v (was %+v)", edited, r1)
		}
		if ts := k.tasks(); len(ts) != 6 || !strings.HasPrefix(ts[0].Text, "Zmieniona opinia 4★") && !strings.HasPrefix(ts[1].Text, "Zmieniona opinia 4★") {
			t.Fatalf("tasks after the edit: %+v", ts)
		}
	})
}

// A refused token, a dead server and a page without reviews never answer 500: the
// failure stays on the source and the cursor does not move.
func TestFailedPollIsRecordedOnTheSource(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.google.put("r1", "Anna", 5, "Polecam", day(1, 10), day(1, 10))
		src := k.googleSource()
		k.google.token = "ya29.rotated"
		after, got := k.poll(src.ID)
		if got != (intake{}) || after.NewestSeenAt != nil || after.LastPolledAt == nil ||
			!strings.Contains(after.LastError, "401") || !strings.Contains(after.LastError, "invalid authentication credentials") {
			t.Fatalf("bad token: %+v %+v", after, got)
		}
		if len(k.reviews("all")) != 0 {
			t.Fatal("stored reviews on a refused poll")
		}
		// The job polls every source the same way and reports no error for a site's failure.
		if err := k.env.ReviewMonitor.PollAll(context.Background()); err != nil {
			t.Fatalf("the job: %v", err)
		}
		k.google.srv.Close()
		after, _ = k.poll(src.ID)
		if !strings.Contains(after.LastError, "could not be reached") || strings.Contains(after.LastError, "ya29") {
			t.Fatalf("dead server: %q", after.LastError)
		}
	})
}

// An import source is not polled; a Google source takes no import.
func TestPollAndImportKeepToTheirKinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		imp, ggl := k.importSource("yandex"), k.googleSource()
		refused(t, k.owner.Do(http.MethodPost, "/api/v1/reviews/sources/"+imp.ID+"/poll", nil), http.StatusConflict, "not_a_google_source")
		r := k.owner.Do(http.MethodPost, "/api/v1/reviews/sources/"+ggl.ID+"/import", map[string]any{"reviews": []any{row("x", 5, day(1, 1))}})
		refused(t, r, http.StatusConflict, "not_an_import_source")
	})
}

func hasTask(ts []task, text string) bool {
	for _, t := range ts {
		if t.Text == text {
			return true
		}
	}
	return false
}

func sameInstant(s string, want time.Time) bool {
	got, err := time.Parse(time.RFC3339Nano, s)
	return err == nil && got.Equal(want)
}

// row is an import row with its required fields.
func row(id string, stars int, created time.Time) map[string]any {
	return map[string]any{"external_id": id, "rating": stars, "created_at": created.Format(time.RFC3339)}
}

// A rotated token makes the next poll work; a source switched off is neither polled
// (by the job or by hand) nor imported into.
func TestRotatedTokenAndSourceSwitchedOff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.google.put("r1", "Anna", 5, "Polecam", day(1, 10), day(1, 10))
		src := k.googleSource()
		k.google.token = "ya29.rotated"
		if after, _ := k.poll(src.ID); after.LastError == "" {
			t.Fatal("the old token passed")
		}
		path := "/api/v1/reviews/sources/" + src.ID
		r := k.admin.Do(http.MethodPatch, path, map[string]any{"access_token": "ya29.rotated"})
		if r.Status != http.StatusOK || strings.Contains(string(r.Body), "ya29") {
			t.Fatalf("rotate: %d %s", r.Status, r.Body)
		}
		if after, got := k.poll(src.ID); after.LastError != "" || got.New != 1 {
			t.Fatalf("after rotating: %+v %+v", after, got)
		}
		// The stored token goes nowhere new without being given again.
		refused(t, k.admin.Do(http.MethodPatch, path, map[string]any{"base_url": "http://127.0.0.1:9/elsewhere"}),
			http.StatusBadRequest, "access_token")
		if after, _ := k.poll(src.ID); after.LastError != "" {
			t.Fatalf("a refused base URL was stored: %+v", after)
		}
		if r := k.admin.Do(http.MethodPatch, path, map[string]any{"active": false}); r.Status != http.StatusOK {
			t.Fatalf("switch off: %d %s", r.Status, r.Body)
		}
		k.google.put("r2", "Ewa", 4, "Ok", day(2, 10), day(2, 10))
		if err := k.env.ReviewMonitor.PollAll(context.Background()); err != nil || len(k.reviews("all")) != 1 {
			t.Fatalf("the job polled a source switched off: %v", err)
		}
		refused(t, k.owner.Do(http.MethodPost, path+"/poll", nil), http.StatusConflict, "review_source_inactive")
		refused(t, k.admin.Do(http.MethodPatch, path, map[string]any{"access_token": ""}), http.StatusBadRequest, "access_token")
		refused(t, k.admin.Do(http.MethodPatch, path, map[string]any{"base_url": "mailto:x@y.z"}), http.StatusBadRequest, "base_url")
		imp := k.importSource("reco")
		refused(t, k.admin.Do(http.MethodPatch, "/api/v1/reviews/sources/"+imp.ID, map[string]any{"access_token": "x"}),
			http.StatusBadRequest, "access_token")
		k.admin.Do(http.MethodPatch, "/api/v1/reviews/sources/"+imp.ID, map[string]any{"active": false})
		refused(t, k.admin.Do(http.MethodPost, "/api/v1/reviews/sources/"+imp.ID+"/import",
			map[string]any{"reviews": []any{row("x", 3, day(1, 10))}}), http.StatusConflict, "review_source_inactive")
	})
}

// Two polls of one source at once store each review once, with one task each.
func TestConcurrentPollsStoreOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		for i := range 6 {
			k.google.put(fmt.Sprintf("r%d", i), "Anna", 1+i%5, "Tekst", day(1+i, 10), day(1+i, 10))
		}
		src := k.googleSource()
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if _, _, err := k.env.ReviewMonitor.PollNow(context.Background(), src.ID); err != nil {
					t.Errorf("poll: %v", err)
				}
			})
		}
		wg.Wait()
		if n, ts := len(k.reviews("all")), k.tasks(); n != 6 || len(ts) != 6 {
			t.Fatalf("%d reviews, %d tasks after concurrent polls", n, len(ts))
		}
	})
}
