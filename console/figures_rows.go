package console

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/figures"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// figureRowsView is one page of the rows behind a figure.
type figureRowsView struct {
	Frame
	Name, Title, Text string
	From, To          string
	// People says the rows name the person (a per-person figure, to an owner).
	People          bool
	Rows            []figureRow
	Next, CSV, Back string
}

// figureRow is one row as the page shows it; Link opens a visit's or a patient's
// own page.
type figureRow struct {
	Day, Subject, SubjectID, Doctor, Person, Num, Den, Label, At, Link string
	Frozen                                                             bool
}

// subjectPages are the console's pages of the subjects that have one.
var subjectPages = map[string]string{"visit": "/console/visits/", "patient": "/console/patients/"}

// rowsPerPage is one page of rows; rowsCSVLimit bounds a CSV (a year of visits of a
// large branch fits).
const (
	rowsPerPage  = 50
	rowsCSVLimit = 100000
)

// figureRowsAsk is a rows request read: the figure, its query, who may be named.
type figureRowsAsk struct {
	Desk    Desk
	Def     figures.Definition
	Query   figures.RowsQuery
	People  bool
	Doctors map[string]clinic.Doctor
}

// figureRowsRead reads a rows request: an unknown figure is not found, a bad date is
// refused, a person asked for by a non-owner of a per-person figure is forbidden.
func (c *Console) figureRowsRead(fc *fiber.Ctx) (figureRowsAsk, error) {
	d, err := c.desk(fc, "figures.rows.title", "figures")
	if err != nil {
		return figureRowsAsk{}, err
	}
	def, err := c.svc.Figures.Definition(fc.Params("name"))
	if err != nil {
		return figureRowsAsk{}, errFigureNotFound
	}
	a := figureRowsAsk{Desk: d, Def: def, People: !def.PerPerson || who(fc).Is(actor.Owner)}
	q := figures.RowsQuery{BranchID: d.Branch.ID, From: fc.Query("from"), To: fc.Query("to"), StaffID: fc.Query("staff")}
	if err := checkRowsRange(q.From, q.To); err != nil {
		return a, err
	}
	if q.StaffID != "" && !a.People {
		return a, errPeopleOwnersOnly
	}
	if a.Doctors, err = c.figureDoctors(fc, d.Branch.ID); err != nil {
		return a, err
	}
	if _, ok := a.Doctors[fc.Query("doctor")]; ok {
		q.DoctorID = fc.Query("doctor")
	}
	q.After, err = decodeRowsCursor(fc.Query("after"))
	a.Query = q
	return a, err
}

var (
	errFigureNotFound   = fault.New(fault.NotFound, "figure_not_found", "no figure has this name")
	errPeopleOwnersOnly = fault.New(fault.Forbidden, "owners_only", "per-person figures are for owners")
	errRowsCursor       = fault.Field("after", "cursor", "is not a place in this list")
)

// checkRowsRange refuses dates that are no dates, upside down or over the figures' bound.
func checkRowsRange(from, to string) error {
	f, errF := time.Parse(time.DateOnly, from)
	t, errT := time.Parse(time.DateOnly, to)
	switch {
	case errF != nil:
		return fault.Field("from", "date", "must be a date (YYYY-MM-DD)")
	case errT != nil:
		return fault.Field("to", "date", "must be a date (YYYY-MM-DD)")
	case t.Before(f) || t.Sub(f) > maxFigureDays*24*time.Hour:
		return fault.Field("to", "range", "must be on or after from, at most 400 days later")
	}
	return nil
}

func (c *Console) figureRowsPage(fc *fiber.Ctx) error {
	a, err := c.figureRowsRead(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	a.Query.Limit = rowsPerPage
	page, err := c.svc.Figures.Rows(fc.UserContext(), a.Def.Name, a.Query)
	if err != nil {
		return c.fail(fc, err)
	}
	lang := a.Desk.Lang
	v := figureRowsView{Frame: a.Desk.Frame, Name: a.Def.Name, Title: figureWord(lang, "figures."+a.Def.Name, "title"),
		Text: figureWord(lang, "figures."+a.Def.Name, "text"), From: a.Query.From, To: a.Query.To,
		People: a.Def.PerPerson && a.People}
	v.Frame.Title = v.Title + " · " + T(lang, "figures.rows.title")
	names := map[string]string{}
	for _, f := range page.Rows {
		v.Rows = append(v.Rows, c.figureRowOf(fc, a, f, names))
	}
	q := rowsLinkQuery(fc)
	v.CSV = "/console/figures/" + url.PathEscape(a.Def.Name) + "/rows.csv?" + q.Encode()
	v.Back = "/console/figures?" + url.Values{"branch": {a.Desk.Branch.ID}, "from": {v.From}, "to": {v.To},
		"doctor": {a.Query.DoctorID}}.Encode() + "#figure-" + a.Def.Name
	if page.Next != nil {
		q.Set("after", encodeRowsCursor(*page.Next))
		v.Next = "/console/figures/" + url.PathEscape(a.Def.Name) + "/rows?" + q.Encode()
	}
	return c.render(fc, fiber.StatusOK, "figures_rows", v)
}

// rowsLinkQuery is the request's own choices, without its place in the list.
func rowsLinkQuery(fc *fiber.Ctx) url.Values {
	q := url.Values{}
	for _, k := range []string{"branch", "from", "to", "doctor", "staff"} {
		if v := fc.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// figureRowOf is one row with its doctor's and (when they may be named) person's names.
func (c *Console) figureRowOf(fc *fiber.Ctx, a figureRowsAsk, f figures.Fact, names map[string]string) figureRow {
	r := figureRow{Day: f.Day, Subject: subjectWord(a.Desk.Lang, f.Subject), SubjectID: f.SubjectID, Num: strconv.FormatInt(f.Num, 10),
		Den: strconv.FormatInt(f.Den, 10), Label: f.Label, Frozen: f.Frozen}
	if base, ok := subjectPages[f.Subject]; ok && f.SubjectID != "" {
		r.Link = base + url.PathEscape(f.SubjectID)
	}
	if doc, ok := a.Doctors[f.DoctorID]; ok {
		r.Doctor = doc.DisplayName
	}
	if a.People && f.StaffID != "" {
		c.staffName(fc, f.StaffID, names)
		r.Person = names[f.StaffID]
	}
	if f.At != nil {
		r.At = listWhen(*f.At, a.Desk.Branch)
	}
	return r
}

// subjectWord names what a row is (a visit, a call…); a subject the console has no
// word for shows as stored.
func subjectWord(lang, subject string) string {
	if _, ok := texts()["figures.subject."+subject]; !ok {
		return subject
	}
	return figureWord(lang, "figures.subject", subject)
}

// figureRowsCSV is every row of the request's range as a spreadsheet, in one file.
func (c *Console) figureRowsCSV(fc *fiber.Ctx) error {
	a, err := c.figureRowsRead(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	a.Query.Limit, a.Query.After = rowsCSVLimit, figures.RowKey{}
	page, err := c.svc.Figures.Rows(fc.UserContext(), a.Def.Name, a.Query)
	if err != nil {
		return c.fail(fc, err)
	}
	records := [][]string{{"day", "subject", "subject_id", "doctor_id", "doctor", "staff_id", "staff",
		"numerator", "denominator", "label", "at"}}
	names := map[string]string{}
	for _, f := range page.Rows {
		r := c.figureRowOf(fc, a, f, names)
		staffID, at := "", ""
		if a.People {
			staffID = f.StaffID
		}
		if f.At != nil {
			at = f.At.UTC().Format(time.RFC3339)
		}
		records = append(records, []string{f.Day, csvCell(f.Subject), csvCell(f.SubjectID), f.DoctorID, csvCell(r.Doctor),
			staffID, csvCell(r.Person), r.Num, r.Den, csvCell(f.Label), at})
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(records); err != nil {
		return c.fail(fc, err)
	}
	fc.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	fc.Set(fiber.HeaderContentDisposition, `attachment; filename="`+a.Def.Name+"-"+a.Query.From+"-"+a.Query.To+`.csv"`)
	fc.Set(fiber.HeaderCacheControl, "no-store")
	return fc.Send(buf.Bytes())
}

// csvCell defuses text a spreadsheet would run as a formula (a leading = + - @, tab
// or carriage return gets an apostrophe).
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// encodeRowsCursor is a row's place as the next page's "after".
func encodeRowsCursor(k figures.RowKey) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.Day + "|" + k.SubjectID + "|" + k.StaffID))
}

// decodeRowsCursor reads an encodeRowsCursor back; "" is the first page.
func decodeRowsCursor(s string) (figures.RowKey, error) {
	if s == "" {
		return figures.RowKey{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(raw), "|")
	if err != nil || len(parts) != 3 || len(parts[0]) != len(time.DateOnly) {
		return figures.RowKey{}, errRowsCursor
	}
	return figures.RowKey{Day: parts[0], SubjectID: parts[1], StaffID: parts[2]}, nil
}
