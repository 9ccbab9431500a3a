package console

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Langs are the console's languages; every text exists in each.
var Langs = []string{"en", "pl", "ru", "sv"}

//go:embed texts/*.json
var textFiles embed.FS

// texts are the console's words: key → language → text. Each area of the console
// keeps its own file (texts/today.json, texts/card.json…), so areas grow apart. They
// are read on the first page drawn, not at start.
var texts = sync.OnceValue(func() map[string]map[string]string { return loadTexts(textFiles) })

func loadTexts(files fs.FS) map[string]map[string]string {
	out := map[string]map[string]string{}
	names, err := fs.Glob(files, "texts/*.json")
	if err != nil {
		panic(err)
	}
	for _, name := range names {
		var part map[string]map[string]string
		raw, err := fs.ReadFile(files, name)
		if err == nil {
			err = json.Unmarshal(raw, &part)
		}
		if err != nil {
			panic(fmt.Sprintf("console: %s: %v", name, err))
		}
		for key, byLang := range part {
			if _, dup := out[key]; dup {
				panic("console: text " + key + " is defined twice (" + name + ")")
			}
			out[key] = byLang
		}
	}
	return out
}

// T is the text key in lang, with {name} placeholders filled from pairs (name,
// value, name, value…). A missing text shows its key, which a test forbids.
func T(lang, key string, pairs ...any) string {
	s, ok := texts()[key][lang]
	if !ok {
		s, ok = texts()[key]["en"]
	}
	if !ok {
		return key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return s
}
