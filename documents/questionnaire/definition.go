package questionnaire

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/frontdeskhq/frontdesk/templates"
)

// Definition is one questionnaire version, shaped like a FHIR Questionnaire.
type Definition struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   Text   `json:"title"`
	Items   []Item `json:"items"`

	byLink map[string]*Item
}

// Text is a string per locale.
type Text map[string]string

// In is the text in locale, else in English.
func (t Text) In(locale string) string {
	if s, ok := t[locale]; ok && s != "" {
		return s
	}
	return t["en"]
}

// Item is one question, or a group: a heading that starts a section.
type Item struct {
	LinkID         string       `json:"linkId"`
	Text           Text         `json:"text"`
	Type           string       `json:"type"`
	Required       bool         `json:"required,omitempty"`
	Repeats        bool         `json:"repeats,omitempty"`
	MaxLength      int          `json:"maxLength,omitempty"`
	Min            *float64     `json:"min,omitempty"`
	Max            *float64     `json:"max,omitempty"`
	EnableWhen     []EnableWhen `json:"enableWhen,omitempty"`
	EnableBehavior string       `json:"enableBehavior,omitempty"`
	AnswerOption   []Option     `json:"answerOption,omitempty"`
}

// EnableWhen shows an item only when an earlier answer compares to Answer. The
// question AgeQuestion stands for the patient's age in whole years from birth_date,
// which FHIR cannot express without FHIRPath.
type EnableWhen struct {
	Question string `json:"question"`
	Operator string `json:"operator"`
	Answer   any    `json:"answer,omitempty"`
}

// Option is one answer of a choice.
type Option struct {
	Code string `json:"code"`
	Text Text   `json:"text"`
}

// The item types.
const (
	TypeString     = "string"
	TypeText       = "text"
	TypeDate       = "date"
	TypeBoolean    = "boolean"
	TypeChoice     = "choice"
	TypeOpenChoice = "open-choice"
	TypeInteger    = "integer"
	TypeDecimal    = "decimal"
	TypePhone      = "phone"
	TypeEmail      = "email"
	TypeGroup      = "group"
)

// AgeQuestion is the enableWhen question that means the age from BirthDateLink.
const (
	AgeQuestion = "$age"
	// MinorQuestion is the enableWhen question (a boolean) that holds for a patient
	// under the branch's age of medical consent, from BirthDateLink.
	MinorQuestion = "$minor"
	BirthDateLink = "birth_date"
)

// Option returns the option with code, if any.
func (it *Item) Option(code string) (Option, bool) {
	for _, o := range it.AnswerOption {
		if o.Code == code {
			return o, true
		}
	}
	return Option{}, false
}

// isChoice reports a type answered from options.
func (it *Item) isChoice() bool { return it.Type == TypeChoice || it.Type == TypeOpenChoice }

// Item returns the item with linkID.
func (d *Definition) Item(linkID string) (*Item, bool) {
	it, ok := d.byLink[linkID]
	return it, ok
}

// Ref is "id@version", how stored responses and documents name the definition.
func (d *Definition) Ref() string { return d.ID + "@" + d.Version }

// Set holds the loaded definitions by id.
type Set struct{ byID map[string]*Definition }

// Load reads the embedded definitions, then each override folder (files *.json, as
// in --templates-dir/questionnaires), a later file replacing an earlier one with the
// same id. A definition that breaks a rule is refused with its file and item.
func Load(overrides ...fs.FS) (*Set, error) {
	defaults, err := fs.Sub(templates.Questionnaires, "questionnaires")
	if err != nil {
		return nil, err
	}
	s := &Set{byID: map[string]*Definition{}}
	for _, layer := range append([]fs.FS{defaults}, overrides...) {
		if err := s.loadLayer(layer); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Set) loadLayer(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	for _, file := range files {
		d, err := parseFile(fsys, file)
		if err != nil {
			return fmt.Errorf("questionnaire %s: %w", file, err)
		}
		s.byID[d.ID] = d
	}
	return nil
}

func parseFile(fsys fs.FS, file string) (*Definition, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	return Parse(b, strings.TrimSuffix(path.Base(file), ".json"))
}

// Parse reads and checks one definition; name is what errors call it.
func Parse(b []byte, name string) (*Definition, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var d Definition
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return &d, nil
}

// MustDefault is the embedded set; it is tested, so failure is a bug.
func MustDefault() *Set {
	s, err := Load()
	if err != nil {
		panic("questionnaire: embedded definitions: " + err.Error())
	}
	return s
}

// Get returns a definition by id.
func (s *Set) Get(id string) (*Definition, bool) {
	d, ok := s.byID[id]
	return d, ok
}

// LoadDir is Load with the clinic's overrides from <dir>/questionnaires when that
// folder exists (dir is --templates-dir; empty is the built-in set alone).
func LoadDir(dir string) (*Set, error) {
	if dir == "" {
		return Load()
	}
	sub := filepath.Join(dir, "questionnaires")
	if st, err := os.Stat(sub); err != nil || !st.IsDir() {
		return Load()
	}
	return Load(os.DirFS(sub))
}
