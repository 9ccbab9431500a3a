package messaging

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// testClock is a clock that moves only when told.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *testClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func codeMessage(key, to string) Message {
	return Message{DedupeKey: key, Channel: SMS, Recipient: to, Locale: "pl", Template: TemplateCode,
		Data: map[string]any{"Clinic": "Uśmiech", "Code": "123456", "Minutes": 10}}
}

func enqueue(t *testing.T, d *db.DB, s *Service, m Message) error {
	t.Helper()
	return d.InTx(t.Context(), func(tx db.Tx) error { return s.Enqueue(t.Context(), tx, m) })
}

func TestEnqueueStoresOnceAndListsNewestFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clock := &testClock{now: time.Now()}
		s := NewService(d, nil, clock.Now)
		for i := range 3 {
			if err := enqueue(t, d, s, codeMessage(fmt.Sprintf("code:h:%d", i), "+48601234567")); err != nil {
				t.Fatal(err)
			}
		}
		if err := enqueue(t, d, s, codeMessage("code:h:0", "+48601234567")); err != nil {
			t.Fatalf("a repeated key must be a silent no-op: %v", err)
		}
		if err := enqueue(t, d, s, codeMessage("code:other:1", "+48609999999")); err != nil {
			t.Fatal(err)
		}
		rows, err := s.Recent(t.Context(), Filter{Recipient: "+48601234567"})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0].DedupeKey != "code:h:2" || rows[2].DedupeKey != "code:h:0" {
			t.Fatalf("want three rows newest first, got %+v", keys(rows))
		}
		r := rows[0]
		if r.Status != Pending || r.Segments != 2 || r.Locale != "pl" || r.Body == "" || r.Attempts != 0 {
			t.Errorf("row: %+v", r)
		}
		if at, found, err := s.QueuedAt(t.Context(), d.R, "code:h:1"); err != nil || !found || !at.Equal(clock.Now().UTC().Truncate(time.Microsecond)) {
			t.Errorf("QueuedAt = %v %v %v", at, found, err)
		}
		if _, found, err := s.QueuedAt(t.Context(), d.R, "nope"); err != nil || found {
			t.Errorf("QueuedAt of a missing key = %v %v", found, err)
		}
		if queued, err := s.Queued(t.Context(), d.R, []string{"code:h:0", "nope", "code:h:2"}); err != nil ||
			len(queued) != 2 || !queued["code:h:0"] || !queued["code:h:2"] {
			t.Errorf("Queued = %v %v", queued, err)
		}
	})
}

func TestEnqueueRollsBackWithItsTransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewService(d, nil, time.Now)
		boom := errors.New("boom")
		err := d.InTx(t.Context(), func(tx db.Tx) error {
			if err := s.Enqueue(t.Context(), tx, codeMessage("k", "+48601234567")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if rows, _ := s.Recent(t.Context(), Filter{}); len(rows) != 0 {
			t.Errorf("a rolled back change left %d messages", len(rows))
		}
		bad := []Message{{Channel: SMS, Recipient: "x", Template: TemplateCode}, codeMessage("k", " "),
			{DedupeKey: "k", Channel: "pigeon", Recipient: "x", Template: TemplateCode}}
		for _, m := range bad {
			if err := enqueue(t, d, s, m); !errors.Is(err, ErrBadMessage) {
				t.Errorf("%+v: %v", m, err)
			}
		}
	})
}

// countingChannel counts sends per row and fails the first failFirst sends.
type countingChannel struct {
	mu        sync.Mutex
	sends     map[string]int
	failFirst int32
	calls     atomic.Int32
}

func (c *countingChannel) Name() string { return "counting" }

func (c *countingChannel) Send(_ context.Context, m Outgoing) (string, error) {
	if c.calls.Add(1) <= c.failFirst {
		return "", errors.New("provider down")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sends[m.ID]++
	return "p-" + m.ID, nil
}

func TestTwoDispatchersNeverSendOneRowTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := NewService(d, nil, time.Now)
		for i := range 40 {
			if err := enqueue(t, d, s, codeMessage(fmt.Sprintf("k%d", i), "+48601234567")); err != nil {
				t.Fatal(err)
			}
		}
		ch := &countingChannel{sends: map[string]int{}}
		var wg sync.WaitGroup
		for range 2 {
			disp := NewDispatcher(d, DispatcherOptions{Default: ch, Batch: 100})
			wg.Go(func() {
				if _, err := disp.RunOnce(t.Context()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(ch.sends) != 40 {
			t.Errorf("sent %d distinct rows, want 40", len(ch.sends))
		}
		for id, n := range ch.sends {
			if n != 1 {
				t.Errorf("row %s sent %d times", id, n)
			}
		}
		rows, _ := s.Recent(t.Context(), Filter{Limit: 100})
		for _, r := range rows {
			if r.Status != Sent || r.SentAt == nil || r.ProviderID != "p-"+r.ID || r.Attempts != 1 {
				t.Fatalf("row after sending: %+v", r)
			}
		}
	})
}

func TestFailedSendsBackOffAndGiveUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clock := &testClock{now: time.Now()}
		s := NewService(d, nil, clock.Now)
		if err := enqueue(t, d, s, codeMessage("k", "+48601234567")); err != nil {
			t.Fatal(err)
		}
		ch := &countingChannel{sends: map[string]int{}, failFirst: 3}
		disp := NewDispatcher(d, DispatcherOptions{Default: ch, MaxAttempts: 3, Now: clock.Now})
		if n, err := disp.RunOnce(t.Context()); n != 0 || err != nil {
			t.Fatalf("first try: %d %v", n, err)
		}
		if n, _ := disp.RunOnce(t.Context()); n != 0 || ch.calls.Load() != 1 {
			t.Fatalf("a failed row must wait for its backoff; calls=%d", ch.calls.Load())
		}
		row := only(t, s)
		if row.Status != Pending || row.Attempts != 1 || row.LastError != "provider down" ||
			!row.NotBefore.Equal(clock.Now().UTC().Truncate(time.Microsecond).Add(30*time.Second)) {
			t.Fatalf("after one failure: %+v", row)
		}
		clock.Advance(31 * time.Second)
		_, _ = disp.RunOnce(t.Context())
		clock.Advance(3 * time.Minute)
		_, _ = disp.RunOnce(t.Context())
		if row := only(t, s); row.Status != Failed || row.Attempts != 3 {
			t.Fatalf("after three failures: %+v", row)
		}
		clock.Advance(time.Hour)
		if n, _ := disp.RunOnce(t.Context()); n != 0 || ch.calls.Load() != 3 {
			t.Errorf("a failed row was tried again")
		}
	})
}

func only(t *testing.T, s *Service) Row {
	t.Helper()
	rows, err := s.Recent(t.Context(), Filter{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("want one row, got %d (%v)", len(rows), err)
	}
	return rows[0]
}

func keys(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.DedupeKey
	}
	return out
}
