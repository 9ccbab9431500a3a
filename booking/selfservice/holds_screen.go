package selfservice

import "time"

// MinFillTime is the least time a person takes from opening the booking widget to
// asking for a code: a service, a day and a time to choose, a name and a phone to
// type. Form robots send at once.
const MinFillTime = 3 * time.Second

// screen refuses what form robots send: the honeypot filled in, or a form sent faster
// than a person fills it (when the client says how long it took: the widget always
// does). Both answer the same 422 rejected, so a robot does not learn which check it
// failed; a person who was quick gets a kind "try again" from the widget, and the
// second try has taken long enough.
func screen(req HoldRequest) error {
	if req.Website != "" || (req.FillTime != nil && *req.FillTime < MinFillTime) {
		return ErrRejected
	}
	return nil
}
