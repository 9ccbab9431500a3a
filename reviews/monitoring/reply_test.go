package monitoring_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A draft is saved by whom and when without reaching Google; posting sends the text
// to Google's reply endpoint, stores the reply as Google keeps it and closes the task.
func TestReplyDraftThenPostThroughGoogle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.google.put("r1", "Anna", 2, "Długo czekałam.", day(1, 10), day(1, 10))
		k.poll(k.googleSource().ID)
		r := k.byExternal("r1")
		admin := k.id(k.admin)

		got := k.reply(r.ID, "Przepraszamy, Pani Anno.", false)
		if got.ReplyStatus != "drafted" || got.DraftedBy == nil || *got.DraftedBy != admin || got.PostedAt != nil ||
			!got.TaskOpen || len(k.google.puts) != 0 {
			t.Fatalf("draft: %+v, puts %v", got, k.google.puts)
		}

		got = k.reply(r.ID, "Przepraszamy, Pani Anno. Zapraszamy ponownie.", true)
		if len(k.google.puts) != 1 || k.google.puts[0] != "r1: Przepraszamy, Pani Anno. Zapraszamy ponownie." {
			t.Fatalf("Google got %v", k.google.puts)
		}
		if got.ReplyStatus != "posted" || got.PostedBy == nil || *got.PostedBy != admin || got.TaskOpen ||
			got.FirstReplyAt == nil || !sameInstant(*got.FirstReplyAt, replyTime.Truncate(time.Microsecond)) {
			t.Fatalf("posted: %+v", got)
		}
		if ts := k.tasks(); len(ts) != 1 || ts[0].Status != "done" || ts[0].DoneNote != "reply posted" {
			t.Fatalf("task: %+v", ts)
		}
		// The reply Google now shows is ours: the next poll changes nothing.
		k.google.put("r2", "Ewa", 5, "Super", day(2, 10), day(2, 10))
		if _, in := k.poll(k.byExternal("r1").SourceID); in.New != 1 || in.Changed != 0 {
			t.Fatalf("poll after posting: %+v", in)
		}
		if again := k.byExternal("r1"); again.PostedBy == nil || *again.PostedBy != admin {
			t.Fatalf("our reply lost its author: %+v", again)
		}
	})
}

// When Google refuses the reply the answer is 502 and the draft stays, task open.
func TestProviderFailureKeepsTheDraft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.google.put("r1", "Anna", 2, "Długo czekałam.", day(1, 10), day(1, 10))
		k.poll(k.googleSource().ID)
		r := k.byExternal("r1")
		k.google.failPut = http.StatusServiceUnavailable
		resp := k.admin.Do(http.MethodPut, "/api/v1/reviews/"+r.ID+"/reply", map[string]any{"text": "Przepraszamy!", "post": true})
		if resp.Status != http.StatusBadGateway || !strings.Contains(resp.Problem(t).Detail, "503") {
			t.Fatalf("provider failure: %d %s", resp.Status, resp.Body)
		}
		kept := k.byExternal("r1")
		if kept.ReplyStatus != "drafted" || kept.ReplyText != "Przepraszamy!" || !kept.TaskOpen || kept.FirstReplyAt != nil {
			t.Fatalf("after the failure: %+v", kept)
		}
	})
}

// An imported site's reply is posted by hand: post marks it posted by the caller now.
func TestPostingAnImportedReviewMarksItPosted(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("znanylekarz")
		k.importJSON(src.ID, row("zl-1", 3, day(1, 10)))
		got := k.reply(k.byExternal("zl-1").ID, "Dziękujemy za opinię.", true)
		if got.ReplyStatus != "posted" || got.PostedBy == nil || *got.PostedBy != k.id(k.admin) || got.TaskOpen ||
			got.PostedAt == nil || !sameInstant(*got.PostedAt, k.env.Clock.Now().UTC().Truncate(time.Microsecond)) {
			t.Fatalf("posted by hand: %+v", got)
		}
		if len(k.reviews("replied")) != 1 || len(k.reviews("unreplied")) != 0 {
			t.Fatal("status filters")
		}
	})
}

// Bad replies are refused naming the field; a doctor may not reply.
func TestReplyInputs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("reco")
		k.importJSON(src.ID, row("x", 3, day(1, 10)))
		path := "/api/v1/reviews/" + k.byExternal("x").ID + "/reply"
		refused(t, k.admin.Do(http.MethodPut, path, map[string]any{"post": true}), http.StatusBadRequest, "text")
		refused(t, k.admin.Do(http.MethodPut, path, map[string]any{"text": strings.Repeat("a", 4097)}), http.StatusBadRequest, "text")
		refused(t, k.admin.Do(http.MethodPut, path, map[string]any{"text": "ok", "post": "yes"}), http.StatusBadRequest, "post")
		refused(t, k.admin.Do(http.MethodPut, path, map[string]any{"text": "ok", "sign": "x"}), http.StatusBadRequest, "sign")
		refused(t, k.admin.Raw(http.MethodPut, path, "text/plain", []byte("ok")), http.StatusUnsupportedMediaType, "unsupported_media_type")
		refused(t, k.admin.Do(http.MethodPut, "/api/v1/reviews/nope/reply", map[string]any{"text": "ok"}), http.StatusNotFound, "review_not_found")
		refused(t, k.env.SignIn("doctor", k.branch).Do(http.MethodPut, path, map[string]any{"text": "ok"}), http.StatusForbidden, "forbidden")
	})
}

// reply saves or posts a reply as the admin.
func (k *kit) reply(id, text string, post bool) review {
	k.t.Helper()
	r := k.admin.Do(http.MethodPut, "/api/v1/reviews/"+id+"/reply", map[string]any{"text": text, "post": post})
	if r.Status != http.StatusOK {
		k.t.Fatalf("reply: %d %s", r.Status, r.Body)
	}
	var out review
	r.Decode(k.t, &out)
	return out
}

// A review edited after its reply waits for a reply again: listed as unreplied, with
// a new task; a reply made on Google answers it and closes that task.
func TestEditAfterReplyWaitsAgain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.google.put("r1", "Anna", 2, "Długo czekałam.", day(1, 10), day(1, 10))
		src := k.googleSource()
		k.poll(src.ID)
		k.reply(k.byExternal("r1").ID, "Przepraszamy.", true)
		if len(k.reviews("replied")) != 1 {
			t.Fatal("not replied after posting")
		}
		k.google.put("r1", "Anna", 1, "Odpowiedź nic nie zmieniła.", day(1, 10), replyTime.Add(time.Hour))
		k.poll(src.ID)
		r := k.byExternal("r1")
		if len(k.reviews("unreplied")) != 1 || !r.TaskOpen || r.ReplyStatus != "posted" {
			t.Fatalf("edited after the reply: %+v", r)
		}
		k.google.reply("r1", "Zadzwonimy do Pani.", replyTime.Add(2*time.Hour))
		k.google.put("r1", "Anna", 1, "Odpowiedź nic nie zmieniła.", day(1, 10), replyTime.Add(2*time.Hour))
		k.poll(src.ID)
		r = k.byExternal("r1")
		if r.TaskOpen || r.PostedBy != nil || r.ReplyText != "Zadzwonimy do Pani." || len(k.reviews("replied")) != 1 {
			t.Fatalf("answered on Google: %+v", r)
		}
		if ts := k.tasks(); len(ts) != 2 || ts[0].Status != "done" || ts[0].DoneNote != "replied on the site" {
			t.Fatalf("tasks: %+v", ts)
		}
	})
}
