package monitoring_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews/monitoring"
)

// The same review twice is one row and one task; an edited review updates its row and
// reopens its task (a new one when the desk closed the old), an older telling is ignored.
func TestImportIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("prodoctorov")
		a, b := row("pd-1", 2, day(1, 10)), row("pd-2", 5, day(2, 10))
		a["author"], a["comment"] = "Анна", "Долго ждала"
		if got := k.importJSON(src.ID, a, b); got != (intake{Received: 2, New: 2}) {
			t.Fatalf("first import: %+v", got)
		}
		if got := k.importJSON(src.ID, a, b); got != (intake{Received: 2, Unchanged: 2}) {
			t.Fatalf("same again: %+v", got)
		}
		if n, ts := len(k.reviews("all")), k.tasks(); n != 2 || len(ts) != 2 {
			t.Fatalf("after the same import twice: %d reviews, tasks %+v", n, ts)
		}
		first := k.byExternal("pd-1")
		k.closeTask(*first.TaskID)

		a["rating"], a["comment"], a["updated_at"] = 4, "Долго ждала, но всё хорошо", day(3, 10).Format(time.RFC3339)
		b["comment"] = "Лучшая клиника" // edited without a new time: a change all the same
		if got := k.importJSON(src.ID, a, b); got != (intake{Received: 2, Changed: 2}) {
			t.Fatalf("edited: %+v", got)
		}
		edited := k.byExternal("pd-1")
		if edited.Rating != 4 || edited.Comment != "Долго ждала, но всё хорошо" || !edited.TaskOpen ||
			*edited.TaskID == *first.TaskID || !sameInstant(edited.UpdatedAt, day(3, 10)) {
			t.Fatalf("edited review: %+v", edited)
		}
		ts := k.tasks()
		if len(ts) != 3 || !hasTask(ts, "Zmieniona opinia 4★ w ProDoctorov od Анна: Долго ждала, но всё хорошо") {
			t.Fatalf("tasks: %+v", ts)
		}
		stale := row("pd-1", 1, day(1, 10))
		if got := k.importJSON(src.ID, stale); got != (intake{Received: 1, Unchanged: 1}) || k.byExternal("pd-1").Rating != 4 {
			t.Fatalf("an older telling: %+v", got)
		}
	})
}

// CSV imports read semicolons, a byte-order mark, quoted multi-line text and replies;
// a bare JSON array is read as {"reviews": [...]}.
func TestImportCSVAndBareArray(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("2gis")
		csv := "\ufeffexternal_id,rating,author,comment,created_at,reply,replied_at\r\n" +
			"g-1,5,Ирина,\"Спасибо!\nВсё, прошло отлично\",2026-03-01T10:00:00+03:00,Рады помочь,2026-03-01T15:00:00+03:00\r\n"
		r := k.admin.Raw(http.MethodPost, "/api/v1/reviews/sources/"+src.ID+"/import", "text/csv", []byte(csv))
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"new":1`) {
			t.Fatalf("csv: %d %s", r.Status, r.Body)
		}
		// Spreadsheets in Poland, Russia and Sweden save with semicolons.
		csv = "external_id;rating;author;comment;created_at;reply;replied_at\n" + "g-2;3;;;2026-03-02T10:00:00+03:00;;\n"
		r = k.admin.Raw(http.MethodPost, "/api/v1/reviews/sources/"+src.ID+"/import", "text/csv", []byte(csv))
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"new":1`) {
			t.Fatalf("semicolons: %d %s", r.Status, r.Body)
		}
		g1 := k.byExternal("g-1")
		if g1.Comment != "Спасибо!\nВсё, прошло отлично" || g1.ReplyStatus != "posted" || g1.PostedBy != nil ||
			g1.TaskID != nil || !sameInstant(*g1.FirstReplyAt, day(1, 12)) {
			t.Fatalf("replied row: %+v", g1)
		}
		if g2 := k.byExternal("g-2"); g2.Author != "" || !g2.TaskOpen || g2.ReplyStatus != "none" {
			t.Fatalf("unreplied row: %+v", g2)
		}
		if ts := k.tasks(); len(ts) != 1 || ts[0].Text != "Nowa opinia 3★ w 2GIS od anonim" {
			t.Fatalf("tasks: %+v", ts)
		}
		bare := `[{"external_id":"g-3","rating":4,"created_at":"2026-03-03T10:00:00Z"}]`
		r = k.admin.Raw(http.MethodPost, "/api/v1/reviews/sources/"+src.ID+"/import", "application/json", []byte(bare))
		if r.Status != http.StatusOK || len(k.reviews("all")) != 3 {
			t.Fatalf("bare array: %d %s", r.Status, r.Body)
		}
	})
}

// Any bad row refuses the import naming reviews[N].field, and nothing is stored.
func TestImportRefusesBadRowsStoringNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("yandex")
		path := "/api/v1/reviews/sources/" + src.ID + "/import"
		good := row("y-1", 5, day(1, 10))
		cases := []struct {
			bad   map[string]any
			field string
		}{
			{map[string]any{"external_id": "y-2", "rating": 7, "created_at": "2026-03-01T10:00:00Z"}, "reviews[1].rating"},
			{map[string]any{"external_id": "y-2", "rating": 3}, "reviews[1].created_at"},
			{map[string]any{"external_id": "y-2", "rating": 3, "created_at": "yesterday"}, "reviews[1].created_at"},
			{map[string]any{"external_id": "y-1", "rating": 3, "created_at": "2026-03-01T10:00:00Z"}, "reviews[1].external_id"},
			{map[string]any{"external_id": "y-2", "rating": "five", "created_at": "2026-03-01T10:00:00Z"}, "reviews[1].rating"},
			{map[string]any{"external_id": "y-2", "rating": 3, "created_at": "2026-03-01T10:00:00Z", "stars": 3}, "reviews[1].stars"},
			{map[string]any{"external_id": "y-2", "rating": 3, "created_at": "2026-03-02T10:00:00Z", "updated_at": "2026-03-01T10:00:00Z"}, "reviews[1].updated_at"},
			{map[string]any{"external_id": "y-2", "rating": 3, "created_at": "2026-03-01T10:00:00Z", "replied_at": "2026-03-01T10:00:00Z"}, "reviews[1].replied_at"},
			{map[string]any{"external_id": "y\n2", "rating": 3, "created_at": "2026-03-01T10:00:00Z"}, "reviews[1].external_id"},
			{map[string]any{"external_id": "y-2", "rating": 3, "created_at": "2026-03-01T10:00:00Z", "reply": strings.Repeat("a", 4097)}, "reviews[1].reply"},
		}
		for _, c := range cases {
			r := k.admin.Do(http.MethodPost, path, map[string]any{"reviews": []any{good, c.bad}})
			refused(t, r, http.StatusUnprocessableEntity, c.field)
		}
		refused(t, k.admin.Do(http.MethodPost, path, map[string]any{"reviews": []any{}}), http.StatusUnprocessableEntity, "reviews")
		refused(t, k.admin.Do(http.MethodPost, path, map[string]any{"rows": []any{good}}), http.StatusBadRequest, "rows")
		refused(t, k.admin.Raw(http.MethodPost, path, "text/plain", []byte("x")), http.StatusUnsupportedMediaType, "unsupported_media_type")
		for body, field := range map[string]string{
			"external_id,rating,created_at,stars\ny-2,3,2026-03-01T10:00:00Z,3\n":                         "header",
			"external_id,created_at\ny-2,2026-03-01T10:00:00Z\n":                                          "header",
			"external_id,rating,created_at\ny-1,5,2026-03-01T10:00:00Z\ny-2,five,2026-03-01T10:00:00Z\n":  "reviews[1].rating",
			"external_id,rating,created_at\ny-1,5,2026-03-01T10:00:00Z\ny-2,5\n":                          "reviews[1]",
			"external_id,rating,created_at\ny-1,5,2026-03-01T10:00:00Z\ny-2,5,2026-03-01T10:00:00Z\x00\n": "reviews[1].created_at",
		} {
			refused(t, k.admin.Raw(http.MethodPost, path, "text/csv", []byte(body)), http.StatusUnprocessableEntity, field)
		}
		many := make([]any, monitoring.MaxImportRows+1)
		for i := range many {
			many[i] = map[string]any{"external_id": fmt.Sprint(i), "rating": 5, "created_at": "2026-03-01T10:00:00Z"}
		}
		refused(t, k.admin.Do(http.MethodPost, path, many), http.StatusRequestEntityTooLarge, "too_many_rows")
		if n, ts := len(k.reviews("all")), k.tasks(); n != 0 || len(ts) != 0 {
			t.Fatalf("a refused import stored %d reviews and %d tasks", n, len(ts))
		}
		refused(t, k.admin.Do(http.MethodPost, "/api/v1/reviews/sources/"+k.other+"/import",
			map[string]any{"reviews": []any{good}}), http.StatusNotFound, "review_source_not_found")
	})
}

// Beyond BulkTasks reviews needing replies, one import opens one task for all of them;
// it closes when the last of them is answered, not before.
func TestBulkImportSharesOneTask(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		src := k.importSource("yandex")
		var rows []map[string]any
		for i := range monitoring.BulkTasks + 1 {
			rows = append(rows, row(fmt.Sprintf("y-%02d", i), 1+i%5, day(1, 0).Add(time.Duration(i)*time.Minute)))
		}
		k.importJSON(src.ID, rows...)
		ts := k.tasks()
		if len(ts) != 1 || ts[0].Text != fmt.Sprintf("Opinie w Yandex czekające na odpowiedź: %d", monitoring.BulkTasks+1) {
			t.Fatalf("tasks: %+v", ts)
		}
		for _, r := range rows[1:] {
			r["reply"], r["replied_at"] = "Спасибо", day(2, 0).Format(time.RFC3339)
		}
		if got := k.importJSON(src.ID, rows...); got.Changed != monitoring.BulkTasks {
			t.Fatalf("replies seen on the site: %+v", got)
		}
		if ts := k.tasks(); len(ts) != 1 || ts[0].Status != "open" {
			t.Fatalf("one review still waits: %+v", ts)
		}
		k.reply(k.byExternal("y-00").ID, "Спасибо", true)
		if ts := k.tasks(); len(ts) != 1 || ts[0].Status != "done" || ts[0].DoneNote != "reply posted" {
			t.Fatalf("all answered: %+v", ts)
		}
	})
}
