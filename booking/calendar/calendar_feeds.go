package calendar

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// Feeds lists the signed-in staff member's live feeds without creating one, for a
// page that only shows whether a link exists (its token cannot be shown again).
func (c *Service) Feeds(ctx context.Context) ([]Feed, error) {
	a := actor.From(ctx)
	if a.Kind != actor.Staff {
		return nil, ErrFeedForbidden
	}
	return c.store.staffFeeds(ctx, a.StaffID)
}
