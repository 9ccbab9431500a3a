package monitoring

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// MaxImportRows bounds one import; a longer history is imported in parts.
const MaxImportRows = 10000

// The longest texts an import row may hold, in characters. A reply's bound is
// Google's; a review's is generous for every site.
const (
	maxIDRunes      = 200
	maxAuthorRunes  = 200
	maxCommentRunes = 10000
	maxReplyRunes   = 4096
)

// ImportRow is one review of an import (a JSON object or a CSV row) as written.
// Times are RFC 3339 with offset; updated_at defaults to created_at, replied_at to
// updated_at.
type ImportRow struct {
	ExternalID *string `json:"external_id"`
	Author     *string `json:"author"`
	Rating     *int    `json:"rating"`
	Comment    *string `json:"comment"`
	CreatedAt  *string `json:"created_at"`
	UpdatedAt  *string `json:"updated_at"`
	Reply      *string `json:"reply"`
	RepliedAt  *string `json:"replied_at"`
}

// ImportJSON stores the reviews of a JSON import (each element one row object) into
// an import source, all of them or, on any bad row, none.
func (s *Service) ImportJSON(ctx context.Context, sourceID string, raws []json.RawMessage) (Outcome, error) {
	src, err := s.importable(ctx, sourceID)
	if err != nil {
		return Outcome{}, err
	}
	if len(raws) > MaxImportRows {
		return Outcome{}, ErrTooManyRows
	}
	rows, err := decodeRows(raws)
	if err != nil {
		return Outcome{}, err
	}
	return s.importRows(ctx, src, rows)
}

// ImportCSV stores the reviews of a CSV file into an import source, all or none.
func (s *Service) ImportCSV(ctx context.Context, sourceID string, body []byte) (Outcome, error) {
	src, err := s.importable(ctx, sourceID)
	if err != nil {
		return Outcome{}, err
	}
	rows, err := readCSV(body)
	if err != nil {
		return Outcome{}, err
	}
	return s.importRows(ctx, src, rows)
}

// importable reads a source the caller sees that takes imports.
func (s *Service) importable(ctx context.Context, id string) (Source, error) {
	src, err := s.Source(ctx, id)
	switch {
	case err != nil:
		return Source{}, err
	case src.Kind != Import:
		return Source{}, ErrNotImport
	case !src.Active:
		return Source{}, ErrInactive
	}
	return src, nil
}

func (s *Service) importRows(ctx context.Context, src Source, rows []ImportRow) (Outcome, error) {
	in, err := checkRows(rows)
	if err != nil {
		return Outcome{}, err
	}
	return s.ingest(ctx, src, in, nil)
}

// badRows is the import's refusal: every bad field of every row, nothing stored.
func badRows(fields []fault.FieldError) error {
	return &fault.Error{Kind: fault.Unprocessable, Code: "validation_failed",
		Detail: "the import has invalid rows; nothing was stored", Fields: fields}
}

// maxRowErrors bounds the errors one refusal lists: a file wrong throughout says so
// in its first hundred.
const maxRowErrors = 100

// checkRows turns rows into reviews, or names every bad field as reviews[i].field.
func checkRows(rows []ImportRow) ([]Incoming, error) {
	if len(rows) == 0 {
		return nil, badRows([]fault.FieldError{{Field: "reviews", Code: "required", Message: "the import holds no reviews"}})
	}
	if len(rows) > MaxImportRows {
		return nil, ErrTooManyRows
	}
	c := rowChecker{first: map[string]int{}}
	out := make([]Incoming, len(rows))
	for i, r := range rows {
		out[i] = c.row(i, r)
		if len(c.errs) >= maxRowErrors {
			break
		}
	}
	if len(c.errs) > 0 {
		return nil, badRows(c.errs)
	}
	return out, nil
}

// rowChecker collects the errors of an import and remembers each external id's row.
type rowChecker struct {
	errs  []fault.FieldError
	first map[string]int
	at    string
}

func (c *rowChecker) bad(field, code, msg string) {
	c.errs = append(c.errs, fault.FieldError{Field: c.at + field, Code: code, Message: msg})
}

func (c *rowChecker) row(i int, r ImportRow) Incoming {
	c.at = fmt.Sprintf("reviews[%d].", i)
	x := Incoming{ExternalID: strings.TrimSpace(c.text("external_id", r.ExternalID, maxIDRunes, false)),
		Author:  strings.TrimSpace(c.text("author", r.Author, maxAuthorRunes, false)),
		Comment: strings.TrimSpace(c.text("comment", r.Comment, maxCommentRunes, true)),
		Reply:   strings.TrimSpace(c.text("reply", r.Reply, maxReplyRunes, true))}
	c.identify(i, x.ExternalID)
	switch {
	case r.Rating == nil:
		c.bad("rating", "required", "is required")
	case *r.Rating < 1 || *r.Rating > 5:
		c.bad("rating", "range", "must be an integer from 1 to 5")
	default:
		x.Rating = *r.Rating
	}
	c.times(r, &x)
	return x
}

// identify checks the external id: present, and once per import.
func (c *rowChecker) identify(i int, id string) {
	if id == "" {
		c.bad("external_id", "required", "is required")
		return
	}
	if j, dup := c.first[id]; dup {
		c.bad("external_id", "duplicate", fmt.Sprintf("repeats the external id of reviews[%d]", j))
		return
	}
	c.first[id] = i
}

// times reads created_at, updated_at (not before it) and replied_at (with a reply only).
func (c *rowChecker) times(r ImportRow, x *Incoming) {
	x.CreatedAt = c.instant("created_at", r.CreatedAt, nil)
	if r.CreatedAt == nil {
		c.bad("created_at", "required", "is required")
	}
	x.UpdatedAt = c.instant("updated_at", r.UpdatedAt, &x.CreatedAt)
	if x.UpdatedAt.Before(x.CreatedAt) {
		c.bad("updated_at", "range", "must not be before created_at")
	}
	if x.Reply == "" {
		if r.RepliedAt != nil {
			c.bad("replied_at", "required_with", "goes with a reply")
		}
		return
	}
	at := c.instant("replied_at", r.RepliedAt, &x.UpdatedAt)
	x.ReplyAt = &at
}

// instant reads an RFC 3339 time to the microsecond both databases keep; absent (an
// empty CSV cell, a JSON null) is def.
func (c *rowChecker) instant(field string, v *string, def *time.Time) time.Time {
	if v == nil {
		if def != nil {
			return *def
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, *v)
	if err != nil {
		c.bad(field, "date_time", "must be a date-time in RFC 3339 with offset, e.g. 2026-05-04T10:00:00+02:00")
	}
	return t.UTC().Truncate(time.Microsecond)
}

// text checks one text field: valid UTF-8, no control characters (free text may hold
// tabs and line breaks), at most limit characters.
func (c *rowChecker) text(field string, v *string, limit int, free bool) string {
	if v == nil {
		return ""
	}
	s := *v
	switch {
	case !utf8.ValidString(s):
		c.bad(field, "utf8", "must be valid UTF-8")
	case strings.ContainsFunc(s, func(r rune) bool { return control(r, free) }):
		c.bad(field, "control_character", controlMessage(free))
	case utf8.RuneCountInString(s) > limit:
		c.bad(field, "max", fmt.Sprintf("must be at most %d characters", limit))
	default:
		return s
	}
	return ""
}

func controlMessage(free bool) string {
	if free {
		return "must not contain control characters"
	}
	return "must not contain control characters or line breaks"
}

func control(r rune, free bool) bool {
	if free && (r == '\t' || r == '\n' || r == '\r') {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
