package clinic

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
)

// PatientFilter narrows, searches and pages the patient list.
type PatientFilter struct {
	BranchID string
	// Q is a name prefix ("kowal", "Kowalski Jan") or a phone fragment ("4567",
	// "601 234 567", "+48601234567"); phone fragments match the number's last digits.
	Q string
	// Sort orders a list without Q: "name" (the default) or "newest". Search results
	// come in the order of the index they are found by.
	Sort   string
	Cursor string
	Limit  int
}

// farFuture starts the newest-first walk after every stored card.
var farFuture = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Patients lists or searches the live cards at branches the actor may see; merged
// cards never show. Every card shown is a read of patient data, so each gets an audit row.
func (s *Service) Patients(ctx context.Context, f PatientFilter) (Page[Patient], error) {
	sc := scopeFor(actor.From(ctx), strings.ToLower(f.BranchID))
	page, err := s.findPatients(ctx, sc, f, clampLimit(f.Limit))
	if err != nil {
		return Page[Patient]{}, err
	}
	return page, s.auditReads(ctx, page.Items)
}

// findPatients picks the walk: a name prefix, a phone fragment, or the whole list in the
// asked order.
func (s *Service) findPatients(ctx context.Context, sc scope, f PatientFilter, limit int) (Page[Patient], error) {
	q := strings.TrimSpace(f.Q)
	switch {
	case q == "":
		return s.listPatients(ctx, sc, f, limit)
	case looksLikePhone(q):
		key := func(p Patient) (string, string) { return phoneReversed(p.Phone), p.ID }
		return s.searchPatients(ctx, sc, "phone", searchPatientsByPhoneSQL, phoneFragmentKey(q), f.Cursor, limit, key)
	}
	key := func(p Patient) (string, string) { return searchName(p), p.ID }
	return s.searchPatients(ctx, sc, "name", searchPatientsByNameSQL, normalizeName(q), f.Cursor, limit, key)
}

func (s *Service) searchPatients(ctx context.Context, sc scope, mode, query, prefix, cur string, limit int,
	key func(Patient) (string, string)) (Page[Patient], error) {
	mode = "patients-" + mode
	after, err := decodeCursor(cur, mode, prefix, minID)
	if err != nil {
		return Page[Patient]{}, err
	}
	rows, err := searchPatients(ctx, s.db.R, query, sc, prefix, after, limit+1)
	if err != nil {
		return Page[Patient]{}, err
	}
	return pageOf(rows, limit, mode, key), nil
}

func (s *Service) listPatients(ctx context.Context, sc scope, f PatientFilter, limit int) (Page[Patient], error) {
	sort := orDefault(f.Sort, "name")
	query, ok := patientSorts[sort]
	if !ok {
		return Page[Patient]{}, fieldErr("sort", "oneof", "must be one of: name newest")
	}
	mode := "patients-" + sort
	after, key, err := listStart(sort, mode, f.Cursor)
	if err != nil {
		return Page[Patient]{}, err
	}
	rows, err := listPatients(ctx, s.db.R, query, sc, after, limit+1)
	if err != nil {
		return Page[Patient]{}, err
	}
	return pageOf(rows, limit, mode, key), nil
}

// listStart turns a list cursor into the keyset arguments of the sort's statement and
// returns how to make the next cursor from a row.
func listStart(sort, mode, cur string) ([]any, func(Patient) (string, string), error) {
	if sort != "newest" {
		c, err := decodeCursor(cur, mode, "", minID)
		key := func(p Patient) (string, string) { return searchName(p), p.ID }
		return []any{c.Key, c.ID}, key, err
	}
	c, err := decodeCursor(cur, mode, farFuture.Format(time.RFC3339Nano), maxID)
	at, perr := time.Parse(time.RFC3339Nano, c.Key)
	if err != nil || perr != nil {
		return nil, nil, ErrBadCursor
	}
	key := func(p Patient) (string, string) { return p.CreatedAt.Format(time.RFC3339Nano), p.ID }
	return []any{at.UTC(), c.ID}, key, nil
}

// auditReads writes one read row per card shown, in one transaction.
func (s *Service) auditReads(ctx context.Context, shown []Patient) error {
	if len(shown) == 0 {
		return nil
	}
	entries := make([]audit.Entry, 0, len(shown))
	for _, p := range shown {
		entries = append(entries, patientEntry(audit.Read, p.ID))
	}
	return s.log.RecordAll(ctx, s.db.W, entries)
}

// prefixEnd returns the least string above every string that starts with prefix, so
// "starts with prefix" is the index range [prefix, prefixEnd(prefix)). It bumps the last
// character that can be bumped (skipping the surrogate block, which UTF-8 cannot hold).
func prefixEnd(prefix string) string {
	r := []rune(prefix)
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == utf8.MaxRune {
			continue
		}
		next := r[i] + 1
		if next >= 0xD800 && next <= 0xDFFF {
			next = 0xE000
		}
		return string(r[:i]) + string(next)
	}
	return prefix + string(utf8.MaxRune)
}
