package console

import (
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// rowWords are the words and hidden fields every row repeats, escaped once per page.
type rowWords struct {
	hidden, back                                  string
	checkIn, seat, complete, noShow, pack, cancel string
	filled, missing, alerts, noName, noPatient    string
	lang                                          string
}

func newRowWords(lang, csrf, back string) rowWords {
	e := html.EscapeString
	t := func(key string) string { return e(T(lang, key)) }
	return rowWords{lang: lang, back: e(url.QueryEscape(back)),
		hidden:  `<input type="hidden" name="_csrf" value="` + e(csrf) + `"><input type="hidden" name="back" value="` + e(back) + `">`,
		checkIn: t("today.act.check_in"), seat: t("today.act.seat"), complete: t("today.act.complete"),
		noShow: t("today.act.no_show"), pack: t("today.act.pack"), cancel: t("today.act.cancel"),
		filled: t("today.q.filled"), missing: t("today.q.missing"), alerts: t("today.alerts"),
		noName: t("today.no_name"), noPatient: t("today.no_patient")}
}

// rowsHTML draws the day's rows. The rows are the page's bulk (200 visits on a busy
// day), drawn by hand rather than through html/template's reflection so a desk's page
// stays within its time; every value is escaped here.
func rowsHTML(rows []dayRow, w rowWords) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 2600)
	for i := range rows {
		rows[i].write(&b, w)
	}
	return template.HTML(b.String()) // every value is escaped by write
}

// write draws one row: <article data-row id="v-{id}" data-version=…> with its
// one-click forms and links (buttons carry data-key for the shortcuts).
func (r *dayRow) write(b *strings.Builder, w rowWords) {
	e := html.EscapeString
	id := e(r.ID)
	cls := "visit st-" + r.Stage.Key
	if r.Stage.Alert {
		cls += " warn"
	}
	cls += " r" + strconv.Itoa(r.Top) + " h" + strconv.Itoa(r.Span)
	if r.Col > 0 {
		cls += " k" + strconv.Itoa(r.Col)
	}
	b.WriteString(`<article data-row id="v-` + id + `" data-version="` + e(r.Version) + `" tabindex="-1" class="` + cls +
		`" aria-labelledby="n-` + id + `"><p class="when"><time>` + e(r.Start) + `</time>–` + e(r.End) + `</p>`)
	r.writeWho(b, w, id)
	b.WriteString(`<p class="stage"><span aria-hidden="true">` + e(r.Stage.Icon) + `</span> ` + e(r.StageText) + `</p>` +
		`<p class="what">` + e(r.Service) + ` · ` + e(r.Doctor) + ` · ` + e(r.Chair) + `</p>`)
	if r.Phone != "" {
		b.WriteString(`<p class="phone"><a href="tel:` + e(r.Phone) + `">` + e(r.Phone) + `</a></p>`)
	}
	b.WriteString(`<p class="conf ` + r.ConfirmClass + `"><span aria-hidden="true">` + e(r.ConfirmIcn) + `</span> ` + e(r.Confirm) + `</p>`)
	r.writePapers(b, w)
	r.writeActions(b, w, id)
	b.WriteString("</article>\n")
}

func (r *dayRow) writeWho(b *strings.Builder, w rowWords, id string) {
	e := html.EscapeString
	b.WriteString(`<h3 class="who" id="n-` + id + `">`)
	switch {
	case r.PatientID == "":
		b.WriteString(w.noPatient)
	case r.Patient == "":
		b.WriteString(`<a href="/console/patients/` + e(r.PatientID) + `">` + w.noName + `</a>`)
	default:
		b.WriteString(`<a href="/console/patients/` + e(r.PatientID) + `">` + e(r.Patient) + `</a>`)
	}
	if r.Age != "" {
		b.WriteString(` <span class="age">` + e(T(w.lang, "today.age", "years", r.Age)) + `</span>`)
	}
	b.WriteString(`</h3>`)
}

func (r *dayRow) writePapers(b *strings.Builder, w rowWords) {
	e := html.EscapeString
	cls, icon, q := "docs", "✔", w.missing
	if !r.PapersDone {
		cls, icon = "docs todo", "✎"
	}
	if r.Questionnaire {
		q = w.filled
	}
	b.WriteString(`<p class="` + cls + `">`)
	if r.Papers != "" {
		b.WriteString(`<span aria-hidden="true">` + icon + `</span> ` + e(r.Papers) + ` · `)
	}
	b.WriteString(q + `</p>`)
	if r.Alerts != "" {
		b.WriteString(`<p class="med"><span aria-hidden="true">⚠</span> ` + w.alerts + `: ` + e(r.Alerts) + `</p>`)
	}
}

func (r *dayRow) writeActions(b *strings.Builder, w rowWords, id string) {
	base := "/console/today/visits/" + id + "/"
	desc := `" aria-describedby="n-` + id + `">`
	form := func(on bool, action, class, key, label string) {
		if on {
			b.WriteString(`<form method="post" action="` + base + action + `" data-one>` + w.hidden +
				`<button type="submit"` + class + ` data-key="` + key + desc + label + `</button></form>`)
		}
	}
	b.WriteString(`<div class="actions">`)
	form(r.CheckIn, "check-in", ` class="primary"`, "c", w.checkIn)
	form(r.Seat, "seat", ` class="primary"`, "s", w.seat)
	form(r.Complete, "complete", "", "d", w.complete)
	form(r.NoShow, "no-show", ` class="danger"`, "n", w.noShow)
	if r.Pack {
		b.WriteString(`<a class="button" href="` + base + `pack.pdf" target="_blank" rel="noopener" data-key="p` + desc + `` + w.pack + `</a>`)
	}
	if r.Cancel {
		b.WriteString(`<a class="button danger" href="` + base + `cancel?back=` + w.back + `" data-key="x` + desc + w.cancel + `</a>`)
	}
	b.WriteString(`</div>`)
}
