package widget

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// demoPage is what the demo page template shows.
type demoPage struct {
	BranchID   string
	BranchName string
	// Locale is the widget's locale attribute: the one asked for, else the branch's.
	Locale    string
	Locales   []string
	ScriptURL string
	CSSURL    string
}

// demoData picks the branch the demo page embeds (branchID when given, else the first
// active branch) and the widget's language. An unknown branch is still shown: the
// widget itself must say so.
func (s *Service) demoData(ctx context.Context, branchID, locale string) (demoPage, error) {
	p := demoPage{Locales: clinic.Locales, ScriptURL: "/widget.js?v=" + script.version,
		CSSURL: "/widget/demo.css?v=" + demoCSS.version, BranchID: branchID}
	if p.BranchID == "" {
		id, err := s.DemoBranch(ctx)
		if err != nil {
			return p, err
		}
		p.BranchID = id
	}
	if _, err := uuid.Parse(p.BranchID); err == nil {
		if b, err := s.dir.Branch(asSystem(ctx), p.BranchID); err == nil {
			p.BranchName, p.Locale = b.Name, b.Locale
		}
	}
	if slices.Contains(clinic.Locales, locale) {
		p.Locale = locale
	}
	return p, nil
}
