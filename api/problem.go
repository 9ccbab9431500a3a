package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Problem is an RFC 9457 problem details answer with Frontdesk's extensions.
type Problem struct {
	Type      string             `json:"type"`
	Title     string             `json:"title"`
	Status    int                `json:"status"`
	Detail    string             `json:"detail"`
	Code      string             `json:"code"`
	Instance  string             `json:"instance,omitempty"`
	RequestID string             `json:"request_id,omitempty"`
	Errors    []fault.FieldError `json:"errors"`
}

var statusOfKind = map[fault.Kind]int{
	fault.Invalid:         http.StatusBadRequest,
	fault.NotFound:        http.StatusNotFound,
	fault.Conflict:        http.StatusConflict,
	fault.Unauthorized:    http.StatusUnauthorized,
	fault.Forbidden:       http.StatusForbidden,
	fault.TooManyRequests: http.StatusTooManyRequests,
	fault.Unsupported:     http.StatusUnsupportedMediaType,
	fault.TooLarge:        http.StatusRequestEntityTooLarge,
	fault.Unavailable:     http.StatusServiceUnavailable,
	fault.Unprocessable:   http.StatusUnprocessableEntity,
	fault.Gone:            http.StatusGone,
	fault.Upstream:        http.StatusBadGateway,
}

var codeOfStatus = map[int]string{
	http.StatusBadRequest:            "bad_request",
	http.StatusUnauthorized:          "unauthorized",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not_found",
	http.StatusMethodNotAllowed:      "method_not_allowed",
	http.StatusRequestEntityTooLarge: "body_too_large",
	http.StatusUnsupportedMediaType:  "unsupported_media_type",
	http.StatusTooManyRequests:       "too_many_requests",
	http.StatusRequestTimeout:        "request_timeout",
}

// problemFor turns any error into the answer it deserves; unknown errors become a 500
// that says nothing about their cause.
func problemFor(err error) Problem {
	if fe, ok := fault.As(err); ok {
		p := newProblem(statusOfKind[fe.Kind], fe.Code, fe.Detail)
		if len(fe.Fields) > 0 {
			p.Errors = fe.Fields
		}
		return p
	}
	var fiberErr *fiber.Error
	if errors.As(err, &fiberErr) {
		code := codeOfStatus[fiberErr.Code]
		if code == "" {
			code = "http_" + strconv.Itoa(fiberErr.Code)
		}
		return newProblem(fiberErr.Code, code, fiberErr.Message)
	}
	switch {
	case errors.Is(err, db.ErrNotFound):
		return newProblem(http.StatusNotFound, "not_found", "no such record")
	case errors.Is(err, db.ErrConflict), errors.Is(err, db.ErrExclusion):
		return newProblem(http.StatusConflict, "conflict", "the change conflicts with stored data")
	case errors.Is(err, db.ErrRetry):
		// A deadlock or serialization failure: nothing was stored, and the same
		// request sent again will most likely pass.
		return newProblem(http.StatusServiceUnavailable, "retry", "the database was busy with a conflicting change; send the request again")
	}
	return newProblem(http.StatusInternalServerError, "internal", "an unexpected error occurred; quote the request id when reporting it")
}

func newProblem(status int, code, detail string) Problem {
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return Problem{Type: "urn:frontdesk:problem:" + code, Title: http.StatusText(status), Status: status,
		Detail: detail, Code: code, Errors: []fault.FieldError{}}
}

func newProblemCounter(reg *prometheus.Registry) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "frontdesk_problems_total", Help: "Error answers by status and problem code.",
	}, []string{"status", "code"})
	reg.MustRegister(c)
	return c
}

// errorHandler is the only place errors become HTTP answers.
func errorHandler(log *slog.Logger, problems *prometheus.CounterVec) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		p := problemFor(err)
		p.Instance = redactPath(c.Path())
		p.RequestID = requestIDOf(c)
		if p.Status >= 500 {
			log.Error("request failed", "request_id", p.RequestID, "method", c.Method(), "path", redactPath(c.Path()), "error", err.Error())
		}
		problems.WithLabelValues(strconv.Itoa(p.Status), p.Code).Inc()
		if fe, ok := fault.As(err); ok && fe.RetryAfter > 0 {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(fe.RetryAfter))
		}
		if p.Code == "retry" {
			c.Set(fiber.HeaderRetryAfter, "1")
		}
		if p.Status == http.StatusUnauthorized {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="frontdesk"`)
		}
		body, _ := json.Marshal(p)
		c.Set(fiber.HeaderContentType, "application/problem+json")
		return c.Status(p.Status).Send(body)
	}
}
