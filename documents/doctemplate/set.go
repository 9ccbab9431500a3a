package doctemplate

import (
	"errors"
	"io/fs"
)

// Set is a loaded, checked collection of templates; safe for concurrent use.
type Set struct {
	tpls map[string]*tpl // by "<locale>/<kind>"
}

type tpl struct {
	id, title, hash string
}

// ErrUnknownTemplate is returned by Fill for a kind with no template in the locale nor in en.
var ErrUnknownTemplate = errors.New("doctemplate: no template for this kind")

// Load reads the embedded default templates, then each override with the same
// layout (documents/<locale>/<kind>.md); a broken template fails the whole load.
func Load(overrides ...fs.FS) (*Set, error) {
	return &Set{tpls: map[string]*tpl{}}, nil
}

// Fill fills the template kind in locale (falling back to en) with d.
func (s *Set) Fill(kind, locale string, d Data) (Filled, error) {
	return Filled{}, ErrUnknownTemplate
}

// Has reports whether a template for kind exists in locale or in the en fallback.
func (s *Set) Has(kind, locale string) bool {
	return false
}
