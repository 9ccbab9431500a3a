package patientpage

import (
	"context"
	"html/template"
	"log/slog"
)

// Message is a title and a paragraph, in one language.
type Message struct{ Title, Text string }

// messageView is the message page: in the visitor's best language first, then in the
// page's other languages, each marked with its lang for screen readers.
type messageView struct {
	Frame
	Main   block
	Others []block
}

type block struct{ Lang, Title, Text string }

// Message renders a page that only says something (an unknown link, an expired one, an
// error): in lang first, then in each other of langs, since a visitor whose browser
// asks for the wrong language must still be able to read it. in gives the text in a
// language. The page runs no script.
func (p *Page) Message(ctx context.Context, log *slog.Logger, lang string, langs []string, status int,
	in func(lang string) Message) Answer {
	view := messageView{}
	for _, l := range append([]string{lang}, langs...) {
		m := in(l)
		switch {
		case view.Main.Lang == "":
			view.Main = block{Lang: l, Title: m.Title, Text: m.Text}
		case l != lang:
			view.Others = append(view.Others, block{Lang: l, Title: m.Title, Text: m.Text})
		}
	}
	view.Frame = Frame{Lang: lang, Title: view.Main.Title, Icon: FaviconURL, Style: template.CSS(p.style)}
	return p.Render(ctx, log, p.message, status, view)
}
