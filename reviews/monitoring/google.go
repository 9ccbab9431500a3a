package monitoring

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// GoogleBase is Google Business Profile's API; a source may name another base (a
// local fake in tests, a proxy).
const GoogleBase = "https://mybusiness.googleapis.com"

// googleClient speaks Google's documented reviews API (My Business v4): the reviews
// of a location newest first by update time, page by page, and a review's reply.
type googleClient struct{ http *http.Client }

// The answer shapes of the API; only what we read.
type (
	gReviewer struct {
		DisplayName string `json:"displayName"`
		IsAnonymous bool   `json:"isAnonymous"`
	}
	gReply struct {
		Comment    string `json:"comment"`
		UpdateTime string `json:"updateTime"`
	}
	gReview struct {
		ReviewID    string    `json:"reviewId"`
		Reviewer    gReviewer `json:"reviewer"`
		StarRating  string    `json:"starRating"`
		Comment     string    `json:"comment"`
		CreateTime  string    `json:"createTime"`
		UpdateTime  string    `json:"updateTime"`
		ReviewReply *gReply   `json:"reviewReply"`
	}
	gPage struct {
		Reviews       []gReview `json:"reviews"`
		NextPageToken string    `json:"nextPageToken"`
	}
	gProblem struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
)

// siteError is a review site's refusal or silence, worded for the source's last_error
// and the desk: it never holds the token.
type siteError string

func (e siteError) Error() string { return string(e) }

// locationURL is the reviews collection of a source's location.
func locationURL(src Source) string {
	base := GoogleBase
	if src.BaseURL != "" {
		base = strings.TrimRight(src.BaseURL, "/")
	}
	return base + "/v4/accounts/" + url.PathEscape(src.AccountID) + "/locations/" + url.PathEscape(src.LocationID) + "/reviews"
}

// pageSize is the most reviews Google answers per page.
const pageSize = 50

// page reads one page of a location's reviews, newest update first.
func (g googleClient) page(ctx context.Context, src Source, token string) (gPage, error) {
	q := url.Values{"pageSize": {fmt.Sprint(pageSize)}, "orderBy": {"updateTime desc"}}
	if token != "" {
		q.Set("pageToken", token)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, locationURL(src)+"?"+q.Encode(), nil)
	if err != nil {
		return gPage{}, siteError("the source's address is not usable: " + err.Error())
	}
	var p gPage
	return p, g.do(req, src.AccessToken, &p)
}

// putReply posts or replaces the reply to a review and returns it as Google keeps it.
func (g googleClient) putReply(ctx context.Context, src Source, reviewID, text string) (gReply, error) {
	body, _ := json.Marshal(map[string]string{"comment": text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, locationURL(src)+"/"+url.PathEscape(reviewID)+"/reply",
		bytes.NewReader(body))
	if err != nil {
		return gReply{}, siteError("the source's address is not usable: " + err.Error())
	}
	req.Header.Set("Content-Type", "application/json")
	var r gReply
	return r, g.do(req, src.AccessToken, &r)
}

// maxAnswer bounds what we read of one answer (a page of 50 reviews is far smaller).
const maxAnswer = 8 << 20

func (g googleClient) do(req *http.Request, token string, dst any) error {
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	resp, err := g.http.Do(req)
	if err != nil {
		return siteError("Google could not be reached: " + err.Error())
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return siteError("Google's answer broke off: " + err.Error())
	}
	if resp.StatusCode != http.StatusOK {
		return refusal(resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, dst); err != nil {
		return siteError("Google answered something other than its reviews format")
	}
	return nil
}

// refusal words a non-200 answer with Google's own message when it sent one.
func refusal(status int, body []byte) error {
	var p gProblem
	msg := http.StatusText(status)
	if json.Unmarshal(body, &p) == nil && p.Error.Message != "" {
		msg = p.Error.Message
	}
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return siteError(fmt.Sprintf("Google answered %d: %s", status, msg))
}

// stars are Google's star ratings.
var stars = map[string]int{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}

// incoming reads a Google review; one without a star rating or readable times is
// not a review we can store (ok false).
func (r gReview) incoming() (Incoming, bool) {
	created, err1 := googleTime(r.CreateTime)
	updated, err2 := googleTime(r.UpdateTime)
	rating, rated := stars[r.StarRating]
	if err1 != nil || err2 != nil || !rated || r.ReviewID == "" {
		return Incoming{}, false
	}
	x := Incoming{ExternalID: r.ReviewID, Rating: rating, Comment: r.Comment, CreatedAt: created, UpdatedAt: updated}
	if !r.Reviewer.IsAnonymous {
		x.Author = r.Reviewer.DisplayName
	}
	if r.ReviewReply != nil && r.ReviewReply.Comment != "" {
		at, err := googleTime(r.ReviewReply.UpdateTime)
		if err != nil {
			at = updated
		}
		x.Reply, x.ReplyAt = r.ReviewReply.Comment, &at
	}
	return x, true
}

// googleTime reads Google's timestamps (RFC 3339, up to nanoseconds) to the
// microsecond both databases keep, so a stored time compares equal to its source.
func googleTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	return t.UTC().Truncate(time.Microsecond), err
}
