package monitoring

import (
	"fmt"
	"strings"
)

// taskText is what a reply task says, in one language. A struct, so every language
// fills every text.
type taskText struct {
	// New and Edited (%[1]d the stars, %[2]s the site, %[3]s the author) head the task.
	New    string
	Edited string
	// Anonymous stands in for an author the site does not name.
	Anonymous string
	// Many (%[1]s the site, %[2]d how many) is the one task of a bulk of reviews.
	Many string
}

// taskTexts holds the task texts by the branch's locale; English is the fallback.
var taskTexts = map[string]taskText{
	"en": {New: "New %[1]d★ review on %[2]s by %[3]s", Edited: "Edited %[1]d★ review on %[2]s by %[3]s",
		Anonymous: "anonymous", Many: "Reviews on %[1]s waiting for a reply: %[2]d"},
	"pl": {New: "Nowa opinia %[1]d★ w %[2]s od %[3]s", Edited: "Zmieniona opinia %[1]d★ w %[2]s od %[3]s",
		Anonymous: "anonim", Many: "Opinie w %[1]s czekające na odpowiedź: %[2]d"},
	"ru": {New: "Новый отзыв %[1]d★ на %[2]s от %[3]s", Edited: "Изменённый отзыв %[1]d★ на %[2]s от %[3]s",
		Anonymous: "аноним", Many: "Отзывы на %[1]s, ждущие ответа: %[2]d"},
	"sv": {New: "Nytt omdöme %[1]d★ på %[2]s av %[3]s", Edited: "Ändrat omdöme %[1]d★ på %[2]s av %[3]s",
		Anonymous: "anonym", Many: "Omdömen på %[1]s som väntar på svar: %[2]d"},
}

func textIn(locale string) taskText {
	if t, ok := taskTexts[locale]; ok {
		return t
	}
	return taskTexts["en"]
}

// many is the one task of a bulk of reviews waiting for replies.
func (t taskText) many(site string, n int) string { return fmt.Sprintf(t.Many, site, n) }

// snippetRunes is how much of a review's text a task line quotes.
const snippetRunes = 80

// line is a task's one line: what happened, then the start of the review's text.
func (t taskText) line(edited bool, stars int, site, author, comment string) string {
	head := t.New
	if edited {
		head = t.Edited
	}
	if author == "" {
		author = t.Anonymous
	}
	out := fmt.Sprintf(head, stars, site, author)
	if s := snippet(comment); s != "" {
		out += ": " + s
	}
	return out
}

// snippet is the start of a text on one line, with an ellipsis when cut.
func snippet(text string) string {
	runes := []rune(strings.Join(strings.Fields(text), " "))
	if len(runes) <= snippetRunes {
		return string(runes)
	}
	return strings.TrimSpace(string(runes[:snippetRunes])) + "…"
}

// siteNames are the sites as people write them.
var siteNames = map[string]string{"google": "Google", "yandex": "Yandex", "2gis": "2GIS", "prodoctorov": "ProDoctorov",
	"znanylekarz": "ZnanyLekarz", "reco": "Reco", "trustpilot": "Trustpilot"}

// siteName names a source's site; "other" is the source's own name.
func siteName(src Source) string {
	if n, ok := siteNames[src.Site]; ok {
		return n
	}
	if src.Name != "" {
		return src.Name
	}
	return src.Site
}
