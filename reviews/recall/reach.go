package recall

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/frontdeskhq/frontdesk/messaging"
)

// fallbackMedia is the order media are tried in after the patient's preferred one,
// as the dispatcher tries them.
var fallbackMedia = []string{messaging.WhatsApp, messaging.SMS, messaging.Email}

// candidates are the addresses a recall may go to, best first: the media the card has
// an address for and takes service messages on. A card silent about its preferred
// medium allows it, as for reminders and confirmations (a service message, not
// marketing); opt-outs are read apart.
func candidates(patientID string, c Contact) []Address {
	var consents map[string]struct {
		Service *bool `json:"service"`
	}
	_ = json.Unmarshal([]byte(c.Consents), &consents) // a card's consents are validated JSON; unreadable is none
	order := append([]string{c.Preferred}, fallbackMedia...)
	var out []Address
	for i, medium := range order {
		if !slices.Contains(messaging.Media, medium) || slices.Contains(order[:i], medium) || !allows(consents[medium].Service, i == 0) {
			continue
		}
		addr := c.Phone
		if medium == messaging.Email {
			addr = c.Email
		}
		if addr != "" {
			out = append(out, Address{PatientID: patientID, Medium: medium, Address: addr})
		}
	}
	return out
}

// reach is where each patient's message goes, or why it does not: the first
// candidate not opted out of, else SkipOptedOut (every one is) or SkipNoConsent.
type reach struct {
	to     map[string]Address
	reason map[string]string
}

// reachAll works out reach for a batch of patients with one read of the ledger.
func (s *Service) reachAll(ctx context.Context, contacts map[string]Contact) (reach, error) {
	r := reach{to: map[string]Address{}, reason: map[string]string{}}
	all := map[string][]Address{}
	var flat []Address
	for id, c := range contacts {
		all[id] = candidates(id, c)
		flat = append(flat, all[id]...)
	}
	out := map[Address]bool{}
	if len(flat) > 0 && s.deps.OptOuts != nil {
		var err error
		if out, err = s.deps.OptOuts.OptedOut(ctx, flat); err != nil {
			return r, err
		}
	}
	for id, list := range all {
		r.reason[id] = SkipNoConsent
		for _, a := range list {
			if !out[a] {
				r.to[id], r.reason[id] = a, ""
				break
			}
			r.reason[id] = SkipOptedOut
		}
	}
	return r, nil
}

// upcoming is the services each patient has booked visits of still to come.
func (s *Service) upcoming(ctx context.Context, patientIDs []string) (map[string][]string, error) {
	if len(patientIDs) == 0 || s.deps.Bookings == nil {
		return map[string][]string{}, nil
	}
	return s.deps.Bookings.Upcoming(ctx, patientIDs, s.now())
}

// allows is a card taking service messages on a medium: the preferred one (first)
// unless it says no there, any other only with an explicit yes.
func allows(service *bool, preferred bool) bool {
	if service == nil {
		return preferred
	}
	return *service
}
