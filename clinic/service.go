package clinic

import (
	"time"

	_ "time/tzdata" // branch time zones must resolve even on hosts without a zoneinfo database

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// Service holds the clinic directory's rules: branches, chairs, services, doctors and patients.
type Service struct {
	db  *db.DB
	log *audit.Log
	now func() time.Time
}

// NewService returns the directory over d, writing patient audit rows to log and
// reading the time from now (injected so tests can move the clock).
func NewService(d *db.DB, log *audit.Log, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: d, log: log, now: now}
}

// clock returns the current instant as stored: UTC, truncated to microseconds, which is
// the finest precision both databases keep, so a written value reads back equal.
func (s *Service) clock() time.Time {
	return s.now().UTC().Truncate(time.Microsecond)
}
