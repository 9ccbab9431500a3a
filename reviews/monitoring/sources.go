package monitoring

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// SourcePatch changes what it sets of a source: its name, its token (Google's access
// tokens are short-lived: the desk or an integration rotates them), its base URL, and
// whether it is on. A source switched off is not polled and takes no import.
type SourcePatch struct {
	Name        *string
	AccessToken *string
	BaseURL     *string
	Active      *bool
}

// UpdateSource applies p to a source the caller sees.
func (s *Service) UpdateSource(ctx context.Context, id string, p SourcePatch) (Source, error) {
	x, err := s.Source(ctx, id)
	if err != nil {
		return Source{}, err
	}
	if err := checkPatch(x, p); err != nil {
		return Source{}, err
	}
	set(&x.Name, p.Name)
	set(&x.AccessToken, p.AccessToken)
	set(&x.BaseURL, p.BaseURL)
	set(&x.Active, p.Active)
	if err := s.store.updateSource(ctx, x); err != nil {
		return Source{}, err
	}
	return s.Source(ctx, id)
}

// checkPatch keeps Google's fields to Google sources, and a Google source's token. A
// base URL is changed only together with the token: the stored token is never sent to
// an address it was not given for.
func checkPatch(x Source, p SourcePatch) error {
	if x.Kind == Import {
		switch {
		case p.AccessToken != nil:
			return fault.Field("access_token", "google_only", "only a Google source has this")
		case p.BaseURL != nil:
			return fault.Field("base_url", "google_only", "only a Google source has this")
		}
	}
	if p.AccessToken != nil && *p.AccessToken == "" {
		return fault.Field("access_token", "required", "a Google source needs it")
	}
	if p.BaseURL != nil && p.AccessToken == nil {
		return fault.Field("access_token", "required", "a new base URL needs the token to send there, given again")
	}
	return nil
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
