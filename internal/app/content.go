package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Content is the clinic-editable content the app is built with.
type Content struct {
	Templates         *messaging.Templates
	Questionnaires    *questionnaire.Set
	DocumentTemplates *doctemplate.Set
}

// LoadContent reads the built-in content, overridden by the clinic's own from dir
// (messages/, questionnaires/, documents/<locale>/) where those folders exist; "" is
// the built-in content alone. A broken file fails the whole load, naming it.
func LoadContent(dir string) (Content, error) {
	var c Content
	var err error
	if c.Templates, err = messaging.LoadTemplates(folders(dir, "messages")...); err != nil {
		return c, fmt.Errorf("message templates: %w", err)
	}
	if c.Questionnaires, err = questionnaire.LoadDir(dir); err != nil {
		return c, fmt.Errorf("questionnaires: %w", err)
	}
	if c.DocumentTemplates, err = doctemplate.Load(folders(dir, "documents")...); err != nil {
		return c, fmt.Errorf("document templates: %w", err)
	}
	return c, nil
}

// folders is dir/name as a file system when it is a folder, else nothing.
func folders(dir, name string) []fs.FS {
	if dir == "" {
		return nil
	}
	path := filepath.Join(dir, name)
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		return nil
	}
	return []fs.FS{os.DirFS(path)}
}

// DemoDeps is what the demo seeder needs of the app.
func (a *App) DemoDeps() demo.Deps {
	return demo.Deps{DB: a.DB, Staff: a.Staff, Clinic: a.Clinic, Schedules: a.Schedules, Telephony: a.Telephony,
		Inventory: a.Inventory, Reviews: a.Reviews, Now: a.cfg.Now, Texts: a.cfg.Templates, PublicURL: a.cfg.PublicURL, Links: a.Self,
		Questionnaires: a.Questionnaires, Documents: a.Documents, Tasks: a.Tasks, Figures: a.Figures}
}
