package reminders_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/jobs"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// fakeProvider is a local SMS gateway counting the requests it gets per outbox key.
type fakeProvider struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newFakeProvider(t *testing.T) *fakeProvider {
	p := &fakeProvider{hits: map[string]int{}}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hits[r.Header.Get("Idempotency-Key")]++
		p.mu.Unlock()
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *fakeProvider) counts() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.hits {
		out[k] = v
	}
	return out
}

// httpChannel posts each message to the fake provider.
type httpChannel struct{ url string }

func (httpChannel) Name() string { return messaging.SMS }

func (c httpChannel) Send(ctx context.Context, m messaging.Outgoing) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, strings.NewReader(m.Body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Idempotency-Key", m.DedupeKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	_ = res.Body.Close()
	return "fake-" + m.ID, nil
}

// startInstance runs one app instance's jobs over d: a dispatcher whose clock is at the
// fixture's day, 08:00 (every reminder queued for a visit that day is due), sending to
// p, and the reminder sweep.
func startInstance(t *testing.T, f *fixture, d *db.DB, p *fakeProvider) *jobs.Runner {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	lead := f.at(0, 8, 0).Sub(f.env.Clock.Now())
	ahead := func() time.Time { return f.env.Clock.Now().Add(lead) }
	disp := messaging.NewDispatcher(d, messaging.DispatcherOptions{Default: httpChannel{url: p.srv.URL}, Now: ahead, Log: quiet})
	r, err := jobs.Start(context.Background(), d, jobs.Options{Log: quiet, Periodic: []jobs.Periodic{
		{Name: "outbox_dispatch", Every: 200 * time.Millisecond, Run: jobs.Drain(200*time.Millisecond, disp.RunOnce)},
		{Name: "reminder_sweep", Every: time.Minute, Run: func(ctx context.Context) error { _, err := f.env.Reminders.Sweep(ctx); return err }},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// waitSent waits until n reminder and booking confirmation rows are sent.
func waitSent(t *testing.T, d *db.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var sent int
		err := db.Get(context.Background(), d.R, &sent, `SELECT COUNT(*) FROM outbox WHERE status = 'sent'
			AND (dedupe_key LIKE 'reminder:%' OR dedupe_key LIKE 'booked:%')`)
		if err != nil {
			t.Fatal(err)
		}
		if sent >= n {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("fewer than %d reminders were sent in time", n)
}

// TestRiverDispatchesDueReminder: River's periodic dispatch job sends a due reminder
// through the channel, once.
func TestRiverDispatchesDueReminder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		p := newFakeProvider(t)
		r := startInstance(t, f, d, p)
		waitSent(t, d, 2)
		r.Stop()
		key := "reminder:" + a.ID + ":3d:1"
		if got := p.counts(); len(got) != 2 || got[key] != 1 || got["booked:"+a.ID] != 1 {
			t.Errorf("provider requests: %v, want one for %s and the booking's confirmation", got, key)
		}
	})
}

// TestTwoInstancesSendOnce: two app instances (two River clients, two dispatchers) on
// one PostgreSQL database send every reminder exactly once.
func TestTwoInstancesSendOnce(t *testing.T) {
	d := dbtest.NewPostgres(t)
	f := newFixture(t, d)
	const visits = 30
	for i := range visits {
		f.book(f.at(i/10, 8+i%10, 0))
	}
	second, err := db.Open(context.Background(), d.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	p := newFakeProvider(t)
	one := startInstance(t, f, d, p)
	two := startInstance(t, f, second, p)
	waitSent(t, d, 2*visits) // each visit's first reminder and its booking confirmation
	time.Sleep(time.Second)  // let a late duplicate, were there one, arrive
	one.Stop()
	two.Stop()
	got := p.counts()
	if len(got) != 2*visits {
		t.Errorf("%d keys reached the provider, want %d", len(got), 2*visits)
	}
	for k, n := range got {
		if n != 1 || !strings.HasPrefix(k, "reminder:") && !strings.HasPrefix(k, "booked:") {
			t.Errorf("%s: %d requests", k, n)
		}
	}
}
