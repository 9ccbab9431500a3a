package selfservice

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// FreeTimes answers when a service can be booked (*schedule.Service); the manage-visit page
// asks it for the times a visit can move to.
type FreeTimes interface {
	Availability(ctx context.Context, q schedule.Query) (schedule.Result, error)
}

// PageOptions configure the manage-visit page.
type PageOptions struct {
	// Secret keys the forms' nonces. Instances behind one load balancer must share it;
	// empty is a random key per process, so open pages outlive a restart only by one
	// "please try again".
	Secret []byte
	// Log receives the errors the page hides from patients; nil is slog.Default().
	Log *slog.Logger
}

const (
	// pickerDays is how far ahead the page offers new times.
	pickerDays = 14
	// maxDetails bounds what a patient adds to a cancellation reason, so that with the
	// reason's label it stays within the 500 characters the staff API accepts.
	maxDetails = 400
)

// visitPages is the manage-visit page: the patient's own view of a visit, reached by
// the link in their messages, with forms to confirm, cancel and move it that work as
// plain HTML posts.
//
// The token in the URL is the credential. Each form also carries a nonce (see
// patientpage.Nonces, keyed by PageOptions.Secret), so a third-party site cannot post
// a cancel form blindly.
type visitPages struct {
	ss     *Service
	free   FreeTimes
	nonces patientpage.Nonces
	log    *slog.Logger
}

func newVisitPages(ss *Service, free FreeTimes, o PageOptions) *visitPages {
	p := &visitPages{ss: ss, free: free, nonces: patientpage.NewNonces(o.Secret, "manage-visit"), log: o.Log}
	if p.log == nil {
		p.log = slog.Default()
	}
	return p
}

// pageRequest is what the page reads from an HTTP request.
type pageRequest struct {
	token      string
	acceptLang string
	nonce      string
}

// say picks a message in the patient's language once the language is known.
type say func(t *pageText) string

func (s say) in(t *pageText) string {
	if s == nil {
		return ""
	}
	return s(t)
}

// pageState is what one answer adds to the visit: a message, and what the patient
// typed with each field's problem, so a refused form comes back as they left it.
type pageState struct {
	flash, problem                 say
	reason, details, start         string
	reasonErr, detailsErr, timeErr say
}

func (st pageState) invalid() bool {
	return st.reasonErr != nil || st.detailsErr != nil || st.timeErr != nil
}

// flashes are the messages after a done action, by the done query parameter.
var flashes = map[string]say{
	"confirmed": func(t *pageText) string { return t.FlashConfirmed },
	"cancelled": func(t *pageText) string { return t.FlashCancelled },
	"moved":     func(t *pageText) string { return t.FlashMoved },
}

// show answers GET /v/{token}, with the message of the action just done, if any.
func (p *visitPages) show(ctx context.Context, r pageRequest, done string) patientpage.Answer {
	return p.page(ctx, r, http.StatusOK, pageState{flash: flashes[done]})
}

// page opens the visit afresh and renders it with st.
func (p *visitPages) page(ctx context.Context, r pageRequest, status int, st pageState) patientpage.Answer {
	v, locale, err := p.ss.pageVisit(ctx, r.token)
	if err != nil {
		return p.failure(ctx, r, err)
	}
	return p.render(ctx, r, v, locale, status, st)
}

// confirm answers the confirm form.
func (p *visitPages) confirm(ctx context.Context, r pageRequest) patientpage.Answer {
	return p.act(ctx, r, pageState{}, "confirmed", func(ctx context.Context, _ Visit) error {
		_, err := p.ss.ConfirmVisit(ctx, r.token)
		return err
	})
}

// cancel answers the cancel form: a reason from the list, optional words of the
// patient's own.
func (p *visitPages) cancel(ctx context.Context, r pageRequest, reason, details string) patientpage.Answer {
	st := pageState{reason: reason, details: details}
	if !slices.Contains(cancelReasons, reason) {
		st.reasonErr = func(t *pageText) string { return t.ErrNoReason }
	}
	if utf8.RuneCountInString(details) > maxDetails {
		st.detailsErr = func(t *pageText) string { return t.errTooLong(maxDetails) }
	}
	return p.act(ctx, r, st, "cancelled", func(ctx context.Context, v Visit) error {
		_, err := p.ss.CancelVisit(ctx, r.token, staffReason(v.Branch.Locale, reason, details))
		return err
	})
}

// move answers the time picker: start is one of the offered times (RFC 3339).
func (p *visitPages) move(ctx context.Context, r pageRequest, start string) patientpage.Answer {
	st := pageState{start: start}
	at, err := time.Parse(time.RFC3339, start)
	switch {
	case start == "":
		st.timeErr = func(t *pageText) string { return t.ErrNoTime }
	case err != nil:
		st.timeErr = func(t *pageText) string { return t.ErrTimeGone }
	}
	return p.act(ctx, r, st, "moved", func(ctx context.Context, _ Visit) error {
		_, err := p.ss.RescheduleVisit(ctx, r.token, at)
		return err
	})
}

// act runs one form: an unknown link is the 404 page, a form without a valid nonce or
// with bad fields comes back to be sent again, and a done action redirects (303) to
// the page with a message, so reloading it sends nothing twice.
func (p *visitPages) act(ctx context.Context, r pageRequest, st pageState, done string,
	do func(context.Context, Visit) error) patientpage.Answer {
	v, locale, err := p.ss.pageVisit(ctx, r.token)
	switch {
	case err != nil:
		return p.failure(ctx, r, err)
	case !p.nonces.Valid(r.token, r.nonce, p.ss.s.Now()):
		st.reasonErr, st.detailsErr, st.timeErr = nil, nil, nil
		st.problem = func(t *pageText) string { return t.ErrExpired }
		return p.render(ctx, r, v, locale, http.StatusForbidden, st)
	case st.invalid():
		return p.render(ctx, r, v, locale, http.StatusUnprocessableEntity, st)
	}
	if err := do(ctx, v); err != nil {
		return p.refused(ctx, r, st, err)
	}
	return patientpage.Redirect("/v/" + r.token + "?done=" + done)
}

// refused shows why the engine refused an action, next to the visit as it is now
// (a taken time comes back with fresh times).
func (p *visitPages) refused(ctx context.Context, r pageRequest, st pageState, err error) patientpage.Answer {
	fe, ok := fault.As(err)
	if !ok {
		return p.failure(ctx, r, err)
	}
	status := http.StatusConflict
	switch fe.Code {
	case "slot_taken", "no_chair_free":
		st.timeErr = func(t *pageText) string { return t.ErrTaken }
	case "not_on_grid", "too_soon", "too_far", "outside_working_time", "inactive":
		status, st.timeErr = http.StatusUnprocessableEntity, func(t *pageText) string { return t.ErrTimeGone }
	case "too_late_to_change":
		st.problem = func(t *pageText) string { return t.ErrTooLate }
	case "invalid_transition":
		st.problem = func(t *pageText) string { return t.ErrClosed }
	default:
		return p.failure(ctx, r, err)
	}
	return p.page(ctx, r, status, st)
}

// failure answers a link that is unknown or expired with the friendly 404 page, and
// anything else with a 500 page that says nothing about the cause (which is logged).
func (p *visitPages) failure(ctx context.Context, r pageRequest, err error) patientpage.Answer {
	locale := acceptLocale(r.acceptLang)
	if fe, ok := fault.As(err); ok && fe.Kind == fault.NotFound {
		return p.message(ctx, locale, http.StatusNotFound, func(t *pageText) patientpage.Message {
			return patientpage.Message{Title: t.NotFoundTitle, Text: t.NotFoundText}
		})
	}
	p.log.ErrorContext(ctx, "manage-visit page failed", "request_id", actor.RequestFrom(ctx).ID, "error", err.Error())
	return p.message(ctx, locale, http.StatusInternalServerError, func(t *pageText) patientpage.Message {
		return patientpage.Message{Title: t.ServerTitle, Text: t.ErrServer}
	})
}

// message is a page that only says something, in locale first and then in the page's
// other languages.
func (p *visitPages) message(ctx context.Context, locale string, status int, pick func(*pageText) patientpage.Message) patientpage.Answer {
	return visitPage.Message(ctx, p.log, locale, pageLocales, status, func(l string) patientpage.Message { return pick(textFor(l)) })
}

// pageVisit is OpenVisit for the page, with the language to speak: the patient card's
// if the page speaks it, else the branch's.
func (ss *Service) pageVisit(ctx context.Context, token string) (Visit, string, error) {
	l, a, err := ss.openLink(ctx, token)
	if err != nil {
		return Visit{}, "", err
	}
	ctx = asPatient(ctx, l.ref())
	locale, err := ss.patientLocale(ctx, a)
	if err != nil {
		return Visit{}, "", err
	}
	f, err := ss.factsOf(ctx, a, locale)
	if err != nil {
		return Visit{}, "", err
	}
	return ss.visitFrom(a, f), pageLocale(locale, f.branch.Locale), nil
}

// pageLocale is the first of locales the page speaks, else its fallback.
func pageLocale(locales ...string) string {
	for _, l := range locales {
		if _, ok := pageTexts[l]; ok {
			return l
		}
	}
	return pageLocales[0]
}

// staffReason is the cancellation reason as the desk reads it: the label in the
// branch's language (not the patient's), then the patient's own words.
func staffReason(branchLocale, key, details string) string {
	reason := textFor(branchLocale).Reasons[key]
	if details = strings.TrimSpace(details); details != "" {
		reason += ": " + details
	}
	return reason
}
