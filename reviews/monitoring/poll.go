package monitoring

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// maxPages bounds one poll to 200 pages of 50 reviews: a location with more stores
// its newest 10 000 on the first poll, and a site paging in circles stops.
const maxPages = 200

// PollAll polls every active Google source, the longest unpolled first. A source whose
// site fails keeps the failure in its last_error and the others go on; only our own
// database's failures are returned, for the job to retry.
func (s *Service) PollAll(ctx context.Context) error {
	ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
	sources, err := s.store.polled(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, src := range sources {
		if _, err := s.poll(ctx, src); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// PollNow polls one Google source at once and returns it as it stands after, with
// what the poll stored; a failure of the site is in the source's last_error.
func (s *Service) PollNow(ctx context.Context, id string) (Source, Outcome, error) {
	src, err := s.Source(ctx, id)
	switch {
	case err != nil:
		return Source{}, Outcome{}, err
	case src.Kind != Google:
		return Source{}, Outcome{}, ErrNotGoogle
	case !src.Active:
		return Source{}, Outcome{}, ErrInactive
	}
	out, err := s.poll(ctx, src)
	if err != nil {
		return Source{}, Outcome{}, err
	}
	src, err = s.Source(ctx, id)
	return src, out, err
}

// poll reads a source's reviews newer than its cursor and stores them with the new
// cursor in one transaction. When the site fails, nothing moves but last_error.
func (s *Service) poll(ctx context.Context, src Source) (Outcome, error) {
	found, skipped, err := s.fetch(ctx, src)
	now := s.clock()
	var failed siteError
	if errors.As(err, &failed) {
		return Outcome{}, s.store.markPolled(ctx, s.store.db.W, src.ID, nil, now, failed.Error())
	}
	if err != nil {
		return Outcome{}, err
	}
	note := ""
	if skipped > 0 {
		note = fmt.Sprintf("skipped %d reviews Google answered without a star rating or readable times", skipped)
	}
	newest := newestOf(found)
	return s.ingest(ctx, src, found, func(tx db.Tx) error {
		return s.store.markPolled(ctx, tx, src.ID, newest, now, note)
	})
}

// fetch reads a source's reviews page by page, newest update first, up to the first
// one no newer than the newest already stored. It also counts the reviews it could
// not read.
func (s *Service) fetch(ctx context.Context, src Source) ([]Incoming, int, error) {
	var found []Incoming
	skipped, token := 0, ""
	for range maxPages {
		p, err := s.google.page(ctx, src, token)
		if err != nil {
			return nil, 0, err
		}
		for _, gr := range p.Reviews {
			x, ok := gr.incoming()
			if !ok {
				skipped++
				continue
			}
			if src.NewestSeenAt != nil && !x.UpdatedAt.After(*src.NewestSeenAt) {
				return found, skipped, nil
			}
			found = append(found, x)
		}
		if p.NextPageToken == "" {
			break
		}
		token = p.NextPageToken
	}
	return found, skipped, nil
}

// newestOf is the newest update time among reviews (nil for none).
func newestOf(in []Incoming) *time.Time {
	var newest *time.Time
	for i := range in {
		if newest == nil || in[i].UpdatedAt.After(*newest) {
			newest = &in[i].UpdatedAt
		}
	}
	return newest
}
