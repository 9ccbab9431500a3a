package monitoring

import (
	"bytes"
	"encoding/json"
	"mime"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

type listQuery struct {
	Status string `query:"status" validate:"omitempty,oneof=unreplied replied all"`
	Cursor string `query:"cursor" validate:"max=200"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	q := listQuery{Status: c.Query("status"), Cursor: c.Query("cursor")}
	if err := httpjson.Validate(&q); err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	page, err := h.s.List(httpjson.Ctx(c), Filter{BranchID: branch, Status: q.Status, Cursor: q.Cursor, Limit: limit})
	if err != nil {
		return err
	}
	items := make([]reviewOut, 0, len(page.Items))
	for _, r := range page.Items {
		items = append(items, toReviewOut(r))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": page.Next})
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	r, err := h.s.Get(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(toReviewOut(r))
}

// replyIn is a reply's text; post sends it (through Google, or as posted by hand).
type replyIn struct {
	Text string `json:"text" validate:"required,max=4096" text:"free"`
	Post bool   `json:"post"`
}

func (h *Handler) reply(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var in replyIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	r, err := h.s.Reply(httpjson.Ctx(c), id, ReplyInput(in))
	if err != nil {
		return err
	}
	return c.JSON(toReviewOut(r))
}

// importBody is a JSON import: {"reviews": [...]}, or the bare array.
type importBody struct {
	Reviews []json.RawMessage `json:"reviews"`
}

func (h *Handler) importReviews(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrSourceNotFound)
	if err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	var out Outcome
	if mt, _, _ := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); mt == "text/csv" {
		out, err = h.s.ImportCSV(ctx, id, c.Body())
	} else {
		// The bare array is read as the object holding it, so a bad row is named the
		// same way in both: reviews[12].rating.
		if body := bytes.TrimSpace(c.Body()); len(body) > 0 && body[0] == '[' {
			c.Request().SetBody(append(append([]byte(`{"reviews":`), body...), '}'))
		}
		var in importBody
		if err := httpjson.Decode(c, &in); err != nil {
			return err
		}
		out, err = h.s.ImportJSON(ctx, id, in.Reviews)
	}
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (h *Handler) figures(c *fiber.Ctx) error {
	branch, err := httpjson.Branch(c, c.Query("branch_id"), "branch_id")
	if err != nil {
		return err
	}
	fg, err := h.s.Figures(httpjson.Ctx(c), branch, c.Query("from"), c.Query("to"))
	if err != nil {
		return err
	}
	return c.JSON(toFiguresOut(fg))
}

// ratio is a figure with its numerator and denominator; value is null over nothing.
type ratio struct {
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Value       *float64 `json:"value"`
}

func ratioOf(num, den int) ratio {
	r := ratio{Numerator: num, Denominator: den}
	if den > 0 {
		v := float64(num) / float64(den)
		r.Value = &v
	}
	return r
}

type figuresOut struct {
	BranchID         string `json:"branch_id"`
	From             string `json:"from"`
	To               string `json:"to"`
	Received         int    `json:"received"`
	Replied          int    `json:"replied"`
	ShareReplied     ratio  `json:"share_replied"`
	AverageRating    ratio  `json:"average_rating"`
	MedianFirstReply struct {
		Seconds *float64 `json:"seconds"`
		Count   int      `json:"count"`
	} `json:"median_first_reply"`
}

func toFiguresOut(fg Figures) figuresOut {
	out := figuresOut{BranchID: fg.BranchID, From: fg.From, To: fg.To, Received: fg.Received, Replied: fg.Replied,
		ShareReplied: ratioOf(fg.Replied, fg.Received), AverageRating: ratioOf(fg.RatingSum, fg.Received)}
	out.MedianFirstReply.Seconds, out.MedianFirstReply.Count = fg.MedianReplySeconds, fg.Replied
	return out
}

type reviewOut struct {
	ID             string  `json:"id"`
	SourceID       string  `json:"source_id"`
	BranchID       string  `json:"branch_id"`
	Site           string  `json:"site"`
	SourceKind     string  `json:"source_kind"`
	ExternalID     string  `json:"external_id"`
	Author         string  `json:"author"`
	Rating         int     `json:"rating"`
	Comment        string  `json:"comment"`
	CreatedAt      string  `json:"created_at"`
	UpdatedAt      string  `json:"updated_at"`
	StoredAt       string  `json:"stored_at"`
	ChangedAt      string  `json:"changed_at"`
	ReplyText      string  `json:"reply_text"`
	ReplyStatus    string  `json:"reply_status"`
	ReplyDraftedBy *string `json:"reply_drafted_by"`
	ReplyDraftedAt *string `json:"reply_drafted_at"`
	ReplyPostedBy  *string `json:"reply_posted_by"`
	ReplyPostedAt  *string `json:"reply_posted_at"`
	FirstReplyAt   *string `json:"first_reply_at"`
	TaskID         *string `json:"task_id"`
	TaskOpen       bool    `json:"task_open"`
}

func toReviewOut(r Review) reviewOut {
	return reviewOut{ID: r.ID, SourceID: r.SourceID, BranchID: r.BranchID, Site: r.Site, SourceKind: r.SourceKind,
		ExternalID: r.ExternalID, Author: r.Author, Rating: r.Rating, Comment: r.Comment, CreatedAt: rfc(r.CreatedAt),
		UpdatedAt: rfc(r.UpdatedAt), StoredAt: rfc(r.StoredAt), ChangedAt: rfc(r.ChangedAt), ReplyText: r.ReplyText,
		ReplyStatus: r.ReplyStatus, ReplyDraftedBy: r.ReplyDraftedBy, ReplyDraftedAt: stamp(r.ReplyDraftedAt),
		ReplyPostedBy: r.ReplyPostedBy, ReplyPostedAt: stamp(r.ReplyPostedAt), FirstReplyAt: stamp(r.FirstReplyAt),
		TaskID: r.TaskID, TaskOpen: r.TaskOpen}
}
