package patientpage

import (
	"encoding/base64"
	"html/template"
	"strings"
)

// FaviconURL is the clinic icon every patient page names (link rel=icon) as a data:
// URL: the page then asks this server for nothing else, the browser asks no /favicon.ico
// (which would be a 404 in the log for every page opened), and the CSP allows images
// from data: only.
var FaviconURL = template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(mustKitFile("pages/favicon.svg")))

// MessageStyle is a plain style for pages that only say something, for features that
// have no page style of their own.
var MessageStyle = string(mustKitFile("pages/message.css"))

func mustKitFile(name string) []byte {
	b, err := kitFiles.ReadFile(name)
	if err != nil {
		panic("patientpage: " + err.Error())
	}
	return b
}

// AcceptLocale is the first of langs an Accept-Language header asks for (by its
// primary subtag, in the header's order), else the first of langs.
func AcceptLocale(header string, langs []string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		lang, _, _ := strings.Cut(strings.ToLower(tag), "-")
		for _, l := range langs {
			if l == lang {
				return l
			}
		}
	}
	return langs[0]
}
