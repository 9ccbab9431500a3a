package monitoring_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kit is the whole app over one database with a Warsaw branch (Polish), its owner
// and administrator, and a doctor of another branch.
type kit struct {
	t       testing.TB
	env     *apitest.Env
	branch  string
	other   string
	warsaw  *time.Location
	owner   *apitest.Client
	admin   *apitest.Client
	nurse   *apitest.Client // works at the branch
	outside *apitest.Client // a doctor of the other branch
	google  *fakeGoogle
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d)}
	k.warsaw, _ = time.LoadLocation("Europe/Warsaw")
	k.branch, k.other = k.newBranch("Centrum"), k.newBranch("Mokotów")
	k.owner, k.admin = k.env.As(actor.Owner), k.env.SignIn(actor.Admin, k.branch)
	k.nurse, k.outside = k.env.SignIn(actor.Nurse, k.branch), k.env.SignIn(actor.Doctor, k.other)
	k.google = newFakeGoogle(t)
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

// id is the signed-in staff member's id.
func (k *kit) id(c *apitest.Client) string {
	k.t.Helper()
	var me struct {
		ID string `json:"id"`
	}
	c.Do(http.MethodGet, "/api/v1/me", nil).Decode(k.t, &me)
	return me.ID
}

// source is a review source as the API answers it.
type source struct {
	ID           string  `json:"id"`
	Kind         string  `json:"kind"`
	Site         string  `json:"site"`
	AccountID    string  `json:"account_id"`
	LocationID   string  `json:"location_id"`
	HasToken     bool    `json:"has_token"`
	NewestSeenAt *string `json:"newest_seen_at"`
	LastPolledAt *string `json:"last_polled_at"`
	LastError    string  `json:"last_error"`
}

// googleSource adds the fake's location as a Google source of the branch.
func (k *kit) googleSource() source {
	k.t.Helper()
	return k.addSource(map[string]any{"kind": "google", "account_id": "accounts/" + k.google.account,
		"location_id":  "accounts/" + k.google.account + "/locations/" + k.google.location,
		"access_token": k.google.token, "base_url": k.google.srv.URL})
}

// importSource adds an import source of the branch for a site.
func (k *kit) importSource(site string) source {
	k.t.Helper()
	return k.addSource(map[string]any{"kind": "import", "site": site, "name": "Import " + site})
}

func (k *kit) addSource(body map[string]any) source {
	k.t.Helper()
	body["branch_id"] = k.branch
	r := k.owner.Do(http.MethodPost, "/api/v1/reviews/sources", body)
	if r.Status != http.StatusCreated {
		k.t.Fatalf("source: %d %s", r.Status, r.Body)
	}
	var s source
	r.Decode(k.t, &s)
	return s
}

// intake is what a poll or import stored.
type intake struct {
	Received  int `json:"received"`
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// poll polls a source now as the owner.
func (k *kit) poll(id string) (source, intake) {
	k.t.Helper()
	r := k.owner.Do(http.MethodPost, "/api/v1/reviews/sources/"+id+"/poll", nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("poll: %d %s", r.Status, r.Body)
	}
	var out struct {
		Source  source `json:"source"`
		Outcome intake `json:"outcome"`
	}
	r.Decode(k.t, &out)
	return out.Source, out.Outcome
}

// importJSON imports rows into a source as the admin.
func (k *kit) importJSON(id string, rows ...map[string]any) intake {
	k.t.Helper()
	r := k.admin.Do(http.MethodPost, "/api/v1/reviews/sources/"+id+"/import", map[string]any{"reviews": rows})
	if r.Status != http.StatusOK {
		k.t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	var out intake
	r.Decode(k.t, &out)
	return out
}

// review is a review as the API answers it.
type review struct {
	ID           string  `json:"id"`
	SourceID     string  `json:"source_id"`
	ExternalID   string  `json:"external_id"`
	Author       string  `json:"author"`
	Rating       int     `json:"rating"`
	Comment      string  `json:"comment"`
	UpdatedAt    string  `json:"updated_at"`
	ReplyText    string  `json:"reply_text"`
	ReplyStatus  string  `json:"reply_status"`
	DraftedBy    *string `json:"reply_drafted_by"`
	PostedBy     *string `json:"reply_posted_by"`
	PostedAt     *string `json:"reply_posted_at"`
	FirstReplyAt *string `json:"first_reply_at"`
	TaskID       *string `json:"task_id"`
	TaskOpen     bool    `json:"task_open"`
}

// reviews lists every review of the branch with a status filter, following pages of 2.
func (k *kit) reviews(status string) []review {
	k.t.Helper()
	var all []review
	cursor := ""
	for {
		q := url.Values{"branch_id": {k.branch}, "status": {status}, "limit": {"2"}, "cursor": {cursor}}
		r := k.nurse.Do(http.MethodGet, "/api/v1/reviews?"+q.Encode(), nil)
		if r.Status != http.StatusOK {
			k.t.Fatalf("reviews: %d %s", r.Status, r.Body)
		}
		var page struct {
			Items []review `json:"items"`
			Next  string   `json:"next_cursor"`
		}
		r.Decode(k.t, &page)
		all = append(all, page.Items...)
		if cursor = page.Next; cursor == "" {
			return all
		}
	}
}

// byExternal finds a review by its site's id.
func (k *kit) byExternal(id string) review {
	k.t.Helper()
	all := k.reviews("all")
	i := slices.IndexFunc(all, func(r review) bool { return r.ExternalID == id })
	if i < 0 {
		k.t.Fatalf("no review %s among %+v", id, all)
	}
	return all[i]
}

// task is a review task as the desk's list shows it.
type task struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Status   string `json:"status"`
	DoneNote string `json:"done_note"`
}

// tasks lists the review tasks of every status, newest first.
func (k *kit) tasks() []task {
	k.t.Helper()
	q := url.Values{"kind": {"review_reply"}, "status": {"all"}, "limit": {"200"}}
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

// closeTask closes a task on the desk's list, as someone who handled it elsewhere.
func (k *kit) closeTask(id string) {
	k.t.Helper()
	if r := k.owner.Do(http.MethodPost, "/api/v1/tasks/"+id+"/done", map[string]any{"note": "called them"}); r.Status != http.StatusOK {
		k.t.Fatalf("task done: %d %s", r.Status, r.Body)
	}
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

// fakeGoogle speaks Google Business Profile's reviews API (My Business v4) for one
// location: the list newest first by update time in pages of pageSize, and a review's
// reply. It checks the bearer token and the list's parameters as Google documents them.
type fakeGoogle struct {
	t                        testing.TB
	srv                      *httptest.Server
	token, account, location string

	mu       sync.Mutex
	reviews  map[string]map[string]any
	pageSize int
	pages    int      // list pages served
	puts     []string // the comments of reply PUTs, in order
	failPut  int      // when set, the status reply PUTs are answered with
}

func newFakeGoogle(t testing.TB) *fakeGoogle {
	f := &fakeGoogle{t: t, token: "ya29.test-token", account: "1122334455", location: "9988776655",
		reviews: map[string]map[string]any{}, pageSize: 2}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

var starNames = []string{"", "ONE", "TWO", "THREE", "FOUR", "FIVE"}

// put adds or replaces a review (times as offsets from base, in hours).
func (f *fakeGoogle) put(id, author string, stars int, comment string, created, updated time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old := f.reviews[id]
	r := map[string]any{"name": "accounts/" + f.account + "/locations/" + f.location + "/reviews/" + id, "reviewId": id,
		"reviewer":   map[string]any{"displayName": author, "profilePhotoUrl": "https://lh3.example/p.jpg", "isAnonymous": author == ""},
		"starRating": starNames[stars], "comment": comment, "createTime": created.Format(time.RFC3339Nano),
		"updateTime": updated.Format(time.RFC3339Nano)}
	if old != nil && old["reviewReply"] != nil {
		r["reviewReply"] = old["reviewReply"]
	}
	f.reviews[id] = r
}

// reply sets the reply Google shows under a review (made on Google itself).
func (f *fakeGoogle) reply(id, text string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reviews[id]["reviewReply"] = map[string]any{"comment": text, "updateTime": at.Format(time.RFC3339Nano)}
}

func (f *fakeGoogle) served() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pages
}

func (f *fakeGoogle) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		answer(w, http.StatusUnauthorized, googleProblem(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED"))
		return
	}
	list := "/v4/accounts/" + f.account + "/locations/" + f.location + "/reviews"
	switch {
	case r.Method == http.MethodGet && r.URL.Path == list:
		f.list(w, r)
	case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, list+"/") && strings.HasSuffix(r.URL.Path, "/reply"):
		f.putReply(w, r, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, list+"/"), "/reply"))
	default:
		answer(w, http.StatusNotFound, googleProblem(404, "Requested entity was not found.", "NOT_FOUND"))
	}
}

func (f *fakeGoogle) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("pageSize") != "50" || q.Get("orderBy") != "updateTime desc" {
		answer(w, http.StatusBadRequest, googleProblem(400, "bad paging "+r.URL.RawQuery, "INVALID_ARGUMENT"))
		return
	}
	all := make([]map[string]any, 0, len(f.reviews))
	for _, rv := range f.reviews {
		all = append(all, rv)
	}
	slices.SortFunc(all, func(a, b map[string]any) int {
		return strings.Compare(b["updateTime"].(string), a["updateTime"].(string))
	})
	from, _ := strconv.Atoi(strings.TrimPrefix(q.Get("pageToken"), "page-"))
	to := min(from+f.pageSize, len(all))
	page := map[string]any{"reviews": all[from:to], "averageRating": 4.2, "totalReviewCount": len(all)}
	if to < len(all) {
		page["nextPageToken"] = fmt.Sprintf("page-%d", to)
	}
	f.pages++
	answer(w, http.StatusOK, page)
}

func (f *fakeGoogle) putReply(w http.ResponseWriter, r *http.Request, id string) {
	var body struct {
		Comment string `json:"comment"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || body.Comment == "" || r.Header.Get("Content-Type") != "application/json" {
		answer(w, http.StatusBadRequest, googleProblem(400, "bad reply body", "INVALID_ARGUMENT"))
		return
	}
	f.puts = append(f.puts, id+": "+body.Comment)
	if f.failPut != 0 {
		answer(w, f.failPut, googleProblem(f.failPut, "The service is currently unavailable.", "UNAVAILABLE"))
		return
	}
	rv, ok := f.reviews[id]
	if !ok {
		answer(w, http.StatusNotFound, googleProblem(404, "Requested entity was not found.", "NOT_FOUND"))
		return
	}
	reply := map[string]any{"comment": body.Comment, "updateTime": replyTime.Format(time.RFC3339Nano)}
	rv["reviewReply"] = reply
	answer(w, http.StatusOK, reply)
}

// replyTime is when the fake says a reply was posted.
var replyTime = time.Date(2026, 3, 20, 9, 30, 0, 123456789, time.UTC)

func googleProblem(code int, msg, status string) map[string]any {
	return map[string]any{"error": map[string]any{"code": code, "message": msg, "status": status}}
}

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// day is an instant on a March 2026 day in UTC at an hour.
func day(d, hour int) time.Time { return time.Date(2026, 3, d, hour, 0, 0, 0, time.UTC) }
