package surveys

import (
	"context"
	"errors"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// Opened is what a survey link shows: the survey, where the visit was, the language to
// speak and, once answered, the branch's review links.
type Opened struct {
	Survey Survey
	Clinic string
	Doctor string
	Locale string
	Links  []ReviewLink
}

// Answered says whether the survey has its answers.
func (o Opened) Answered() bool { return o.Survey.AnsweredAt != nil }

// Open finds what a survey token opens. Unknown is ErrLinkNotFound; a link past its
// expiry and never answered is ErrLinkExpired (an answered one still thanks).
func (s *Service) Open(ctx context.Context, tok string) (Opened, error) {
	return s.open(ctx, s.store.db.R, tok)
}

func (s *Service) open(ctx context.Context, q db.Q, tok string) (Opened, error) {
	if !token.Valid(tok) {
		return Opened{}, ErrLinkNotFound
	}
	v, err := s.store.byToken(ctx, q, token.Hash(tok))
	if errors.Is(err, db.ErrNotFound) {
		return Opened{}, ErrLinkNotFound
	}
	if err != nil {
		return Opened{}, err
	}
	if v.AnsweredAt == nil && v.ExpiresAt != nil && !s.clock().Before(*v.ExpiresAt) {
		return Opened{}, ErrLinkExpired
	}
	at, err := s.store.place(ctx, q, v.BranchID, v.DoctorID)
	if err != nil {
		return Opened{}, err
	}
	o := Opened{Survey: v, Clinic: at.BranchName, Doctor: deref(at.DoctorName), Locale: pageLocale(v.Locale, at.BranchLocale)}
	if o.Answered() {
		o.Links, err = s.store.links(ctx, q, v.BranchID)
	}
	return o, err
}

// Submit stores the answers sent through a link, once, with the invitation and the
// task every answered survey brings. Bad answers are named without the survey being
// touched; a second submit is ErrAnswered.
func (s *Service) Submit(ctx context.Context, tok string, a reviews.Answers) error {
	if err := a.Check(""); err != nil {
		return err
	}
	a.Comment = cleanComment(a.Comment)
	return s.store.db.InTx(ctx, func(tx db.Tx) error {
		o, err := s.open(ctx, tx, tok)
		if err != nil {
			return err
		}
		if o.Answered() {
			return ErrAnswered
		}
		now := s.clock()
		if err := s.store.answerLink(ctx, tx, o.Survey.ID, now, a); err != nil {
			return err
		}
		o.Survey.AnsweredAt = &now
		return s.afterAnswer(ctx, tx, o.Survey, a)
	})
}

// answers are an answered survey's answers (zero before it is answered).
func (v Survey) answers() reviews.Answers {
	a := reviews.Answers{Comment: v.Comment}
	if v.Overall != nil && v.Care != nil && v.Recommend != nil && v.Expectations != nil {
		a.Overall, a.Care, a.Recommend, a.Expectations = *v.Overall, *v.Care, *v.Recommend, *v.Expectations
	}
	return a
}

// cleanComment keeps a comment's text and line breaks and drops what no person typed:
// control characters and broken UTF-8 (a form post is not checked like JSON is).
func cleanComment(c string) string {
	c = strings.ReplaceAll(strings.ToValidUTF8(c, ""), "\r\n", "\n")
	c = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, c)
	return strings.TrimSpace(c)
}
