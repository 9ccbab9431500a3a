package messaging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// job is one claimed row on its way to one channel.
type job struct {
	row Row
	hop hop
	out Outgoing
}

// result is what became of a job. skipped jobs never reached the provider (the round
// was stopping); undetermined ones were cut off mid-call and are left to reconcile.
type result struct {
	job
	providerID   string
	err          error
	skipped      bool
	undetermined bool
}

// errCrashed ends a round whose worker died after a provider answered: nothing of the
// round is recorded, as if the process had gone.
var errCrashed = errors.New("messaging: a dispatcher worker crashed; its round is left to reconciliation")

// runChunk claims, sends and records one chunk of due rows.
func (d *Dispatcher) runChunk(ctx context.Context) (sent, claimed int, err error) {
	jobs, claimed, err := d.claim(ctx)
	if err != nil || len(jobs) == 0 {
		return 0, claimed, err
	}
	results, err := d.sendAll(ctx, jobs)
	if err != nil {
		return 0, claimed, err
	}
	// Results are recorded even when the round is being stopped: the calls happened.
	sent, err = d.record(context.WithoutCancel(ctx), results)
	return sent, claimed, err
}

// claim takes due rows, picks each one's channel and writes its attempt, all in one
// transaction: a claimed row always has an attempt row naming where it went. Routing
// reads on the transaction too, so a lane never holds one connection while waiting
// for a second (many lanes cannot starve the pool).
func (d *Dispatcher) claim(ctx context.Context) ([]job, int, error) {
	var jobs []job
	claimed := 0
	d.claiming.Lock()
	defer d.claiming.Unlock()
	err := d.store.db.InTx(ctx, func(tx db.Tx) error {
		now := d.now()
		rows, err := d.store.claimDue(ctx, tx, now, d.opt.Batch)
		if err != nil {
			return err
		}
		claimed = len(rows)
		jobs, err = d.plan(ctx, tx, rows, now)
		return err
	})
	return jobs, claimed, err
}

// plan routes each row; a row with nowhere to go fails with a task for the desk.
func (d *Dispatcher) plan(ctx context.Context, tx db.Tx, rows []Row, now time.Time) ([]job, error) {
	contacts, err := d.store.contacts(ctx, tx, patientIDs(rows))
	if err != nil {
		return nil, err
	}
	book, err := d.store.consents(ctx, tx, addresses(rows, contacts), patientIDs(rows))
	if err != nil {
		return nil, err
	}
	jobs := make([]job, 0, len(rows))
	for _, r := range rows {
		h, ok, err := d.route(ctx, tx, r, contacts, book)
		if err != nil {
			return nil, err
		}
		if !ok {
			if err := d.giveUp(ctx, tx, r, "no channel the patient can be reached on", now); err != nil {
				return nil, err
			}
			continue
		}
		out, err := d.outgoing(ctx, tx, r, h, now)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job{row: r, hop: h, out: out})
	}
	return jobs, d.store.insertAttempts(ctx, tx, jobs, now)
}

func (d *Dispatcher) route(ctx context.Context, tx db.Tx, r Row, contacts map[string]contact, book consentBook) (hop, bool, error) {
	f := routeFacts{optedOut: func(medium, address string) (bool, error) {
		return book.optedOut(medium, address, r.PatientID), nil
	}}
	if r.PatientID != nil {
		if c, ok := contacts[*r.PatientID]; ok {
			f.contact = &c
		}
	}
	var err error
	if f.channel, err = d.channels.resolver(ctx, tx, r.BranchID, r.Channel); err != nil {
		return hop{}, false, err
	}
	if r.Attempts > 1 {
		if f.rejected, err = d.store.rejectedMedia(ctx, tx, r.ID); err != nil {
			return hop{}, false, err
		}
	}
	return nextHop(r, f)
}

// addresses are every address the chunk's rows may go to, for one consent read.
func addresses(rows []Row, contacts map[string]contact) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Recipient)
		if r.PatientID != nil {
			c := contacts[*r.PatientID]
			out = append(out, c.Phone, c.Email)
		}
	}
	return out
}

// outgoing is the message as the channel gets it.
func (d *Dispatcher) outgoing(ctx context.Context, tx db.Tx, r Row, h hop, now time.Time) (Outgoing, error) {
	out := Outgoing{ID: r.ID, DedupeKey: r.DedupeKey, Channel: h.Medium, Recipient: h.Address, Body: r.Body,
		Segments: r.Segments, Template: r.Template, Locale: r.Locale}
	_ = json.Unmarshal([]byte(r.TemplateData), &out.Params)
	if h.Medium == Email {
		var err error
		if out.Attachments, err = d.store.attachments(ctx, tx, r.ID); err != nil {
			return Outgoing{}, err
		}
	}
	if h.Medium == WhatsApp {
		last, found, err := d.store.lastInbound(ctx, tx, h.Address, WhatsApp)
		if err != nil {
			return Outgoing{}, err
		}
		out.InWindow = found && now.Sub(last) < 24*time.Hour
	}
	return out, nil
}

// sendAll calls the providers with a small pool of workers.
func (d *Dispatcher) sendAll(ctx context.Context, jobs []job) ([]result, error) {
	results := make([]result, len(jobs))
	next := make(chan int)
	var crashed sync.Once
	var crash error
	var wg sync.WaitGroup
	for range min(d.opt.Workers, len(jobs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = d.sendOne(ctx, jobs[i], func(p any) { crashed.Do(func() { crash = fmt.Errorf("%w: %v", errCrashed, p) }) })
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, crash
}

func (d *Dispatcher) sendOne(ctx context.Context, j job, onCrash func(any)) (res result) {
	res.job = j
	if ctx.Err() != nil {
		res.skipped = true
		return res
	}
	res.providerID, res.err = j.hop.Channel.Send(ctx, j.out)
	if res.err != nil && ctx.Err() != nil {
		res.undetermined = true
	}
	if d.afterProvider != nil {
		defer func() {
			if p := recover(); p != nil {
				onCrash(p)
			}
		}()
		d.afterProvider(j.out)
	}
	return res
}

func patientIDs(rows []Row) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, r := range rows {
		if r.PatientID != nil && !seen[*r.PatientID] {
			seen[*r.PatientID] = true
			out = append(out, *r.PatientID)
		}
	}
	return out
}
