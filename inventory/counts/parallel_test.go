package counts_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Counts start while visits consume and stock is carried between rooms, all at once.
// Each count's sheet must be exactly what the ledger's moves up to its snapshot add
// up to: a move half-written at the snapshot would otherwise fall between "counted"
// and "carried over" and be lost. Posting a count that found what the sheet said
// writes nothing, and leaves stock as the moves made it.
func TestCountSnapshotsWhileStockMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		gloves := k.item("GLOVES-M", false)
		g := k.lot(gloves, "", "")
		shelf, bin := k.location(k.branch, "Shelf by the door"), k.location(k.branch, "Operatory 1")
		k.move(gloves, g, 10_000)
		k.post(inventory.Line{ItemID: gloves.ID, LotID: g, To: &shelf, Quantity: 10_000, Reason: inventory.Receipt,
			SourceKind: inventory.FromManual}) // a stock on the shelf, to bring in
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			fails []string
			start = make(chan struct{})
		)
		fail := func(format string, a ...any) {
			mu.Lock()
			fails = append(fails, fmt.Sprintf(format, a...))
			mu.Unlock()
		}
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := range 25 {
					if err := k.shift(gloves, g, w, i, shelf, bin); err != nil {
						fail("move: %v", err)
					}
				}
			}()
		}
		sessions := make(chan session, 10)
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range 10 {
				r := k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": k.room})
				var s session
				if r.Status != http.StatusCreated {
					fail("start: %d %s", r.Status, r.Body)
					return
				}
				r.Decode(t, &s)
				if e, _ := s.line(t, g); e != k.ledgerUpTo(s.ID, g) {
					fail("session %s at start: sheet %d, ledger up to its snapshot %d", s.ID, e, k.ledgerUpTo(s.ID, g))
				}
				sessions <- s
				if r := k.nurse.Do(http.MethodPost, path(s.ID, "/cancel"), nil); r.Status != http.StatusOK {
					fail("cancel: %d %s", r.Status, r.Body)
				}
			}
		}()
		close(start)
		wg.Wait()
		close(sessions)
		if len(fails) > 0 {
			t.Fatal(fails)
		}
		for s := range sessions { // the sheet a count started with never changes after
			at, _ := s.line(t, g)
			if later, _ := k.do(http.MethodGet, path(s.ID), nil, http.StatusOK).line(t, g); later != at || at != k.ledgerUpTo(s.ID, g) {
				t.Errorf("session %s: sheet %d at start, %d later, ledger up to its snapshot %d", s.ID, at, later, k.ledgerUpTo(s.ID, g))
			}
		}
		now := k.onHand(gloves, g)
		s := k.start()
		e, _ := s.line(t, g)
		k.do(http.MethodPut, path(s.ID, "/lines"), lines(line(gloves.ID, e)), http.StatusOK)
		if s = k.do(http.MethodPost, path(s.ID, "/post"), nil, http.StatusOK); len(s.Moves) != 0 || k.onHand(gloves, g) != now {
			t.Errorf("a count that agrees wrote %+v; stock %d, was %d", s.Moves, k.onHand(gloves, g), now)
		}
	})
}

// shift is worker w's i-th move: a visit's consumption in the room, a transfer out to
// an operatory, or one in from the shelf. (Transfers both ways between the same two
// places at once could deadlock on PostgreSQL: Post locks stock rows in line order.)
func (k *kit) shift(item inventory.Item, lot string, w, i int, shelf, bin string) error {
	l := inventory.Line{ItemID: item.ID, LotID: lot, Quantity: int64(1 + (w+i)%3), SourceKind: inventory.FromManual}
	switch i % 3 {
	case 0:
		l.From, l.Reason = &k.room, inventory.Consumption
	case 1:
		l.From, l.To, l.Reason = &k.room, &bin, inventory.Transfer
	default:
		l.From, l.To, l.Reason = &shelf, &k.room, inventory.Transfer
	}
	return k.env.DB.InTx(context.Background(), func(tx db.Tx) error {
		_, err := k.env.Inventory.Post(context.Background(), tx, l)
		return err
	})
}

// On PostgreSQL a move is numbered when it is written, not when it commits. A count
// started while a move is half-written waits for it, so the move is in the snapshot
// and the sheet the nurse got is the one posting will use.
func TestCountWaitsForHalfWrittenMoves(t *testing.T) {
	d := dbtest.NewPostgres(t)
	k := newKit(t, d)
	ctx := context.Background()
	gloves, floss := k.item("GLOVES-M", false), k.item("FLOSS", false)
	g, f := k.lot(gloves, "", ""), k.lot(floss, "", "")
	k.move(gloves, g, 100)
	k.move(floss, f, 100)

	slow, err := d.W.BeginTxx(ctx, nil) // a visit's consumption, numbered but not committed
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = slow.Rollback() }()
	if _, err := k.env.Inventory.Post(ctx, slow, inventory.Line{ItemID: gloves.ID, LotID: g, From: &k.room,
		Quantity: 7, Reason: inventory.Consumption, SourceKind: inventory.FromManual}); err != nil {
		t.Fatal(err)
	}
	k.move(floss, f, -5) // a later number, committed first

	started := make(chan *apitest.Response, 1)
	go func() {
		started <- k.nurse.Do(http.MethodPost, "/api/v1/inventory/counts", map[string]any{"location_id": k.room})
	}()
	k.awaitLedgerLockWaiter(started)
	if err := slow.Commit(); err != nil {
		t.Fatal(err)
	}
	r := <-started
	var s session
	r.Decode(t, &s)
	at, _ := s.line(t, g)
	later, _ := k.do(http.MethodGet, path(s.ID), nil, http.StatusOK).line(t, g)
	if at != 93 || later != 93 {
		t.Errorf("gloves on the sheet: %d at start, %d later; want 93 both times", at, later)
	}
}

// awaitLedgerLockWaiter waits until a session waits for the ledger's lock, failing
// if the count started without waiting.
func (k *kit) awaitLedgerLockWaiter(started chan *apitest.Response) {
	k.t.Helper()
	for {
		var n int
		err := db.Get(context.Background(), k.env.DB.R, &n, `SELECT COUNT(*) FROM pg_locks l
			JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'stock_moves' AND NOT l.granted`)
		if err != nil {
			k.t.Fatal(err)
		}
		if n > 0 {
			return
		}
		select {
		case r := <-started:
			k.t.Fatalf("the count started beside a half-written move without waiting: %d %s", r.Status, r.Body)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// post writes moves in a transaction of their own.
func (k *kit) post(lines ...inventory.Line) {
	k.t.Helper()
	err := k.env.DB.InTx(context.Background(), func(tx db.Tx) error {
		_, err := k.env.Inventory.Post(context.Background(), tx, lines...)
		return err
	})
	if err != nil {
		k.t.Fatalf("post: %v", err)
	}
}

// ledgerUpTo adds up a lot's moves in and out of the room up to a session's snapshot.
func (k *kit) ledgerUpTo(sessionID, lot string) int64 {
	k.t.Helper()
	var n int64
	err := db.Get(context.Background(), k.env.DB.R, &n, `SELECT COALESCE(SUM(
		(CASE WHEN m.to_location_id = c.location_id THEN m.quantity ELSE 0 END)
		- (CASE WHEN m.from_location_id = c.location_id THEN m.quantity ELSE 0 END)), 0)
		FROM count_sessions c JOIN stock_moves m ON m.seq <= c.snapshot_seq WHERE c.id = ? AND m.lot_id = ?`, sessionID, lot)
	if err != nil {
		k.t.Fatalf("ledger: %v", err)
	}
	return n
}
