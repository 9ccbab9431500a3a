package messaging

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// fallbackOrder is the order media are tried in after the patient's preferred one.
var fallbackOrder = []string{WhatsApp, SMS, Email}

// pinnedTemplates go only where the feature addressed them: a verification code proves
// one phone, so it never falls back to another medium.
var pinnedTemplates = []string{TemplateCode}

// hop is where one attempt goes: a medium, an address and the channel for it.
type hop struct {
	Medium  string
	Address string
	Channel Channel
}

// routeFacts are what routing one row needs to know.
type routeFacts struct {
	contact  *contact
	rejected []string
	channel  func(medium string) Channel
	optedOut func(medium, address string) (bool, error)
}

// nextHop picks the first medium of the patient's order (their preference, then
// WhatsApp → SMS → e-mail) with an address, a channel, no opt-out and no permanent
// refusal of this row; ok is false when none is left.
func nextHop(r Row, f routeFacts) (hop, bool, error) {
	for _, medium := range mediaOrder(r, f.contact) {
		address := addressFor(r, f.contact, medium)
		ch := f.channel(medium)
		if address == "" || ch == nil || slices.Contains(f.rejected, medium) {
			continue
		}
		out, err := f.optedOut(medium, address)
		if err != nil {
			return hop{}, false, err
		}
		if !out {
			return hop{Medium: medium, Address: address, Channel: ch}, true, nil
		}
	}
	return hop{}, false, nil
}

// mediaOrder: a row without a patient (or a pinned one) goes only where it was
// addressed; otherwise the patient's preferred medium leads.
func mediaOrder(r Row, c *contact) []string {
	if c == nil || slices.Contains(pinnedTemplates, r.Template) {
		return []string{r.Channel}
	}
	order := []string{}
	if slices.Contains(Media, c.Preferred) {
		order = append(order, c.Preferred)
	}
	for _, m := range fallbackOrder {
		if !slices.Contains(order, m) {
			order = append(order, m)
		}
	}
	return order
}

// addressFor: the row's own medium keeps the address the feature chose; the others
// take the patient card's phone or e-mail.
func addressFor(r Row, c *contact, medium string) string {
	if medium == r.Channel {
		return r.Recipient
	}
	if c == nil {
		return ""
	}
	if medium == Email {
		return c.Email
	}
	return c.Phone
}

// channelCache builds branches' configured channels and keeps them briefly, so a
// round does not read branch_channels once per message.
type channelCache struct {
	store store
	opt   DispatcherOptions

	mu       sync.Mutex
	byBranch map[string]cachedChannels
}

type cachedChannels struct {
	at     time.Time
	medium map[string]Channel
}

// channelCacheTTL is how soon a changed branch configuration reaches the dispatcher.
const channelCacheTTL = 30 * time.Second

func newChannelCache(s store, opt DispatcherOptions) *channelCache {
	return &channelCache{store: s, opt: opt, byBranch: map[string]cachedChannels{}}
}

// resolver returns the channel of a medium for a branch: its own enabled one, else
// the instance-wide one, else (when nothing at all is configured) the default for the
// row's own medium only.
func (c *channelCache) resolver(ctx context.Context, q db.Q, branchID *string, rowMedium string) (func(string) Channel, error) {
	own := map[string]Channel{}
	if branchID != nil {
		var err error
		if own, err = c.branch(ctx, q, *branchID); err != nil {
			return nil, err
		}
	}
	nothing := len(own) == 0 && len(c.opt.Channels) == 0
	return func(medium string) Channel {
		if ch, ok := own[medium]; ok {
			return ch
		}
		if ch, ok := c.opt.Channels[medium]; ok {
			return ch
		}
		if nothing && medium == rowMedium {
			return c.opt.Default
		}
		return nil
	}, nil
}

func (c *channelCache) branch(ctx context.Context, q db.Q, branchID string) (map[string]Channel, error) {
	c.mu.Lock()
	cached, ok := c.byBranch[branchID]
	c.mu.Unlock()
	if ok && time.Since(cached.at) < channelCacheTTL {
		return cached.medium, nil
	}
	list, err := c.store.branchChannels(ctx, q, branchID)
	if err != nil {
		return nil, err
	}
	out := map[string]Channel{}
	for _, bc := range list {
		if bc.Enabled {
			out[bc.Medium] = bc.Build(c.opt.Env)
		}
	}
	c.mu.Lock()
	c.byBranch[branchID] = cachedChannels{at: time.Now(), medium: out}
	c.mu.Unlock()
	return out, nil
}
