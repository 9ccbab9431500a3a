package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler serves the iCal feeds and each staff member's feed settings.
type Handler struct {
	cal *Service
	// publicURL is where feeds are fetched from (--public-url), never the request's
	// Host header, which a proxy or a forged request may set to anything.
	publicURL string
}

// NewHandler returns the feed API over cal, giving feed URLs under publicURL.
func NewHandler(cal *Service, publicURL string) *Handler {
	return &Handler{cal: cal, publicURL: strings.TrimSuffix(publicURL, "/")}
}

// feedPrefix is where feeds live; the token in the path is the only credential, since
// calendar clients cannot send a bearer token.
const feedPrefix = "/api/v1/calendars/"

// Routes mounts the feed (public: the path carries the token) and the feed settings.
func (h *Handler) Routes(r fiber.Router) {
	r.Get(feedPrefix+":file", h.feed)
	r.Get("/api/v1/me/calendar", h.mine)
	r.Delete("/api/v1/me/calendar", h.revoke)
}

// feed answers <token>.ics. The ETag lets polling clients get a 304 while nothing
// changed; the body never changes without a change to a row.
func (h *Handler) feed(c *fiber.Ctx) error {
	token, ok := strings.CutSuffix(c.Params("file"), ".ics")
	if !ok {
		return ErrFeedNotFound
	}
	body, err := h.cal.Render(httpjson.Ctx(c), token)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderETag, etag)
	if matchesETag(c.Get(fiber.HeaderIfNoneMatch), etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	return c.Send(body)
}

func matchesETag(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		if strings.TrimPrefix(strings.TrimSpace(v), "W/") == etag {
			return true
		}
	}
	return false
}

type feedQuery struct {
	Kind      string `query:"kind" json:"kind" validate:"omitempty,oneof=doctor chair branch"`
	SubjectID string `query:"subject_id" json:"subject_id" validate:"omitempty,uuid"`
}

// feedView is one of a staff member's feeds, without its token: only the hash is stored.
type feedView struct {
	Kind      FeedKind  `json:"kind"`
	SubjectID string    `json:"subject_id"`
	IssuedAt  time.Time `json:"issued_at"`
}

// newFeedView is a feed created by this call, the only answer that can show its URL.
type newFeedView struct {
	feedView
	URL  string `json:"url"`
	Path string `json:"path"`
}

type myFeedsView struct {
	Feeds   []feedView   `json:"feeds"`
	Created *newFeedView `json:"created"`
}

func (h *Handler) mine(c *fiber.Ctx) error {
	var q feedQuery
	if err := c.QueryParser(&q); err != nil {
		return fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return err
	}
	mine, err := h.cal.Mine(httpjson.Ctx(c), FeedKind(q.Kind), q.SubjectID)
	if err != nil {
		return err
	}
	out := myFeedsView{Feeds: make([]feedView, 0, len(mine.Feeds))}
	for _, f := range mine.Feeds {
		out.Feeds = append(out.Feeds, feedView{Kind: f.Kind, SubjectID: f.SubjectID, IssuedAt: f.CreatedAt})
	}
	if f := mine.Created; f != nil {
		path := feedPrefix + f.Token + ".ics"
		out.Created = &newFeedView{feedView: feedView{Kind: f.Kind, SubjectID: f.SubjectID, IssuedAt: f.CreatedAt},
			URL: h.publicURL + path, Path: path}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

func (h *Handler) revoke(c *fiber.Ctx) error {
	if err := h.cal.Revoke(httpjson.Ctx(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
