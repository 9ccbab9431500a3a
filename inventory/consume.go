package inventory

import (
	"context"

	"github.com/frontdeskhq/frontdesk/visit"
)

// Visits reads a visit (its service, doctor, chair, branch and patient); booking fills
// it in internal/app.
type Visits interface {
	Get(ctx context.Context, id string) (visit.Visit, error)
}
