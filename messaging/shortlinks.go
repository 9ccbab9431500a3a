package messaging

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// shortCodeLen characters of base62 carry about 65 bits: codes cannot be guessed or
// walked, yet a link costs 10 characters after /l/.
const shortCodeLen = 11

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newShortCode draws a random base62 code from one read of the system's random
// source, where a read per character was 11 reads a link. A byte is kept only below
// 248 (4 × 62), so every character is equally likely.
func newShortCode() (string, error) {
	code := make([]byte, 0, shortCodeLen)
	var buf [2 * shortCodeLen]byte
	for len(code) < shortCodeLen {
		if _, err := rand.Read(buf[:]); err != nil {
			return "", err
		}
		for _, b := range buf {
			if b < 248 && len(code) < shortCodeLen {
				code = append(code, base62[b%62])
			}
		}
	}
	return string(code), nil
}

// shortCodeShaped rejects what cannot be a code before the database is asked.
func shortCodeShaped(code string) bool {
	if len(code) != shortCodeLen {
		return false
	}
	return strings.Trim(code, base62) == ""
}

// insertShortLinks stores short links, as many as a statement carries.
var insertShortLinks = db.Rows{Head: `INSERT INTO short_links (code, url, created_at) VALUES `, Row: `(?, ?, ?)`}

// shortLinksChunk bounds the links of one statement (3 values a link).
const shortLinksChunk = 200

// shortLink is a short code and the long URL it leads to, still to be stored.
type shortLink struct {
	Code string
	URL  string
}

// storeLinks stores short links on tx in one statement (none for none).
func (s *Service) storeLinks(ctx context.Context, tx db.Tx, links []shortLink) error {
	now := s.clock()
	return db.LaterRows(ctx, tx, insertShortLinks, links, shortLinksChunk, func(l shortLink) []any {
		return []any{l.Code, l.URL, now}
	})
}

// shortLinks is data with every link field (a string field named …Link starting with
// http) replaced by a short link, and the links to store; data itself is not changed.
// A link that is short already (made by Short or Shorten) is kept.
func (s *Service) shortLinks(data map[string]any) (map[string]any, []shortLink, error) {
	if s.publicURL == "" {
		return data, nil, nil
	}
	prefix := s.publicURL + "/l/"
	out := maps.Clone(data)
	var links []shortLink
	for k, v := range data {
		long, ok := v.(string)
		if !ok || !strings.HasSuffix(k, "Link") || !strings.HasPrefix(long, "http") || strings.HasPrefix(long, prefix) {
			continue
		}
		code, err := newShortCode()
		if err != nil {
			return nil, nil, err
		}
		links = append(links, shortLink{Code: code, URL: long})
		out[k] = prefix + code
	}
	return out, links, nil
}

// Shorten stores a short link to long on tx and returns it; long itself when there is
// no public address to serve short links from, or when long is one already. Texts that
// carry one link (a visit's confirmation and first reminder) share one short link this
// way, where each stored its own.
func (s *Service) Shorten(ctx context.Context, tx db.Tx, long string) (string, error) {
	var b Batch
	short, err := s.Short(&b, long)
	if err != nil {
		return "", err
	}
	return short, s.storeLinks(ctx, tx, b.links)
}

const selectShortLink = `SELECT url FROM short_links WHERE code = ?`

// Expand returns the long URL behind a short link's code.
func (s *Service) Expand(ctx context.Context, code string) (string, error) {
	if !shortCodeShaped(code) {
		return "", ErrLinkNotFound
	}
	var url string
	err := db.Get(ctx, s.db.R, &url, selectShortLink, code)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrLinkNotFound
	}
	return url, err
}

// templateData keeps a message's fields as strings (JSON) for provider-side templates:
// times are written as the patient's locale reads them.
func templateData(locale string, data map[string]any) string {
	out := make(map[string]string, len(data))
	for k, v := range data {
		switch v := v.(type) {
		case time.Time:
			out[k] = formatDateTime(orFallback(locale), v)
		default:
			out[k] = fmt.Sprint(v)
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return "{}"
	}
	return string(b)
}
