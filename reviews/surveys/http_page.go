package surveys

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// maxBody bounds a posted survey: four numbers and a comment of 2000 characters.
const maxBody = 16 << 10

// formFields are the form's own fields; anything else posted is ignored.
var formFields = []string{"overall", "care", "expectations", "recommend", "comment"}

func (h *Handler) show(c *fiber.Ctx) error {
	return sendPage(c, h.p.show(c.UserContext(), c.Params("token"), c.Get(fiber.HeaderAcceptLanguage)))
}

// post takes the form (form-encoded) or, from a JSON client, the answers as JSON.
func (h *Handler) post(c *fiber.Ctx) error {
	tok, lang := c.Params("token"), c.Get(fiber.HeaderAcceptLanguage)
	if strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		return h.postJSON(c, tok)
	}
	if len(c.Body()) > maxBody {
		return sendPage(c, h.p.failure(c.UserContext(), lang, ErrTooLarge))
	}
	r := raw{}
	for _, name := range formFields {
		r[name] = c.FormValue(name)
	}
	return sendPage(c, h.p.post(c.UserContext(), tok, lang, c.FormValue("nonce"), r))
}

// answersIn are the answers a JSON client sends; a score left out is refused.
type answersIn struct {
	Overall      *int   `json:"overall"`
	Care         *int   `json:"care"`
	Expectations string `json:"expectations"`
	Recommend    *int   `json:"recommend"`
	Comment      string `json:"comment" text:"free"`
}

func (in answersIn) answers() reviews.Answers {
	given := func(n *int) int {
		if n == nil {
			return -1
		}
		return *n
	}
	return reviews.Answers{Overall: given(in.Overall), Care: given(in.Care), Expectations: in.Expectations,
		Recommend: given(in.Recommend), Comment: in.Comment}
}

type linkOut struct {
	Site string `json:"site"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// postJSON is the survey for apps: problems come back as problem+json naming each
// field, and the answer carries the branch's review links. A JSON body cannot be
// posted across sites without CORS, so no nonce is asked.
func (h *Handler) postJSON(c *fiber.Ctx, tok string) error {
	if len(c.Body()) > maxBody {
		return ErrTooLarge
	}
	ctx := c.UserContext()
	if _, err := h.s.Open(ctx, tok); err != nil {
		return err
	}
	var in answersIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	if err := h.s.Submit(ctx, tok, in.answers()); err != nil {
		return err
	}
	o, err := h.s.Open(ctx, tok)
	if err != nil {
		return err
	}
	links := make([]linkOut, len(o.Links))
	for i, l := range o.Links {
		links[i] = linkOut{Site: l.Site, Name: siteName(l.Site, o.Locale), URL: l.URL}
	}
	return c.JSON(fiber.Map{"status": "answered", "links": links})
}

// sendPage writes a page answer through the kit, which sets its CSP and keeps it out
// of caches.
func sendPage(c *fiber.Ctx, a patientpage.Answer) error {
	return surveyPage.Send(pageWriter{c}, a)
}

// pageWriter lets the kit, which imports no fiber, write into a fiber response.
type pageWriter struct{ c *fiber.Ctx }

func (w pageWriter) Header(key, value string) { w.c.Set(key, value) }

func (w pageWriter) Write(status int, body []byte) error { return w.c.Status(status).Send(body) }
