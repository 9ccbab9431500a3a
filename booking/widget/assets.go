package widget

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"sync"
)

//go:embed widget.js demo.css demo.html book.html
var files embed.FS

// asset is an embedded file, gzipped once on its first gzip request: the best
// compression of the script is a few milliseconds no start should wait for.
type asset struct {
	body        []byte
	gz          func() []byte
	contentType string
	// version is the start of the body's SHA-256: it changes with every change of the
	// file and versions its URL (/widget.js?v=…).
	version string
	// etag is weak: the plain and the gzipped bytes are the same content.
	etag string
}

func mustAsset(name, contentType string) asset {
	body, err := files.ReadFile(name)
	if err != nil {
		panic("widget: " + err.Error())
	}
	sum := sha256.Sum256(body)
	version := hex.EncodeToString(sum[:])[:16]
	return asset{body: body, gz: sync.OnceValue(func() []byte { return gzipped(body) }), contentType: contentType, version: version,
		etag: `W/"` + version + `"`}
}

func gzipped(body []byte) []byte {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err == nil {
		_, err = w.Write(body)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		panic("widget: gzip: " + err.Error())
	}
	return buf.Bytes()
}

var (
	script   = mustAsset("widget.js", "text/javascript; charset=utf-8")
	demoCSS  = mustAsset("demo.css", "text/css; charset=utf-8")
	demoHTML = template.Must(template.ParseFS(files, "demo.html"))
	bookHTML = template.Must(template.ParseFS(files, "book.html"))
)

// ScriptSize is the size of /widget.js as served: plain and gzipped bytes.
func ScriptSize() (plain, gzipped int) { return len(script.body), len(script.gz()) }

// ScriptVersion is the version in /widget.js?v=…, under which the script is cached
// for a year.
func ScriptVersion() string { return script.version }
