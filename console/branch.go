package console

import (
	"net/url"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// branchCookie remembers the branch a desk last worked on.
const branchCookie = "fd_branch"

// lang is the page's language: the staff member's choice, else the branch's, else
// the browser's.
func (c *Console) lang(fc *fiber.Ctx, branchLocale string) string {
	if l := who(fc).Locale; l != "" {
		return l
	}
	if slices.Contains(Langs, branchLocale) {
		return branchLocale
	}
	return loginLang(fc)
}

// branches are the active branches the staff member may see.
func (c *Console) branches(fc *fiber.Ctx) ([]clinic.Branch, error) {
	active := true
	page, err := c.svc.Clinic.Branches(fc.UserContext(), clinic.BranchFilter{Active: &active, Limit: 200})
	if err != nil {
		return nil, err
	}
	a := who(fc).Actor
	var out []clinic.Branch
	for _, b := range page.Items {
		if a.CanSeeBranch(b.ID) {
			out = append(out, b)
		}
	}
	return out, nil
}

// Desk is the branch a page is about, the page's language and the frame drawn for
// it.
type Desk struct {
	Branch clinic.Branch
	Lang   string
	Frame  Frame
}

// desk picks the branch from ?branch=, else the one this browser last used, else the
// first the staff member may see, and starts the page's frame in its language. It
// answers clinic.ErrNotFound-like refusals for a branch the staff member may not see.
func (c *Console) desk(fc *fiber.Ctx, titleKey, nav string) (Desk, error) {
	list, err := c.branches(fc)
	if err != nil {
		return Desk{}, err
	}
	if len(list) == 0 {
		return Desk{}, errNoBranch
	}
	want := fc.Query("branch", fc.Cookies(branchCookie))
	b := list[0]
	for _, x := range list {
		if x.ID == want {
			b = x
		}
	}
	fc.Cookie(&fiber.Cookie{Name: branchCookie, Value: b.ID, Path: "/console", HTTPOnly: true,
		Secure: c.secure(fc), SameSite: fiber.CookieSameSiteLaxMode, MaxAge: 400 * 24 * 3600})
	lang := c.lang(fc, b.Locale)
	f := c.frame(fc, lang, T(lang, titleKey), nav)
	f.Branch = b.ID
	for _, x := range list {
		f.Branches = append(f.Branches, Option{Value: x.ID, Label: x.Name})
	}
	return Desk{Branch: b, Lang: lang, Frame: f}, nil
}

// pathOf is the path and query of a URL (a Referer), "" when it is not one.
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.RequestURI()
}

// errNoBranch refuses a staff member who works at no active branch.
var errNoBranch = fault.New(fault.Forbidden, "no_branch", "the staff member works at no active branch")
