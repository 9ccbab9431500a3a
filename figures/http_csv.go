package figures

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// sendCSV answers records as a CSV file called name.
func sendCSV(c *fiber.Ctx, name string, records [][]string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(records); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	return c.Send(buf.Bytes())
}

// reportCSV is a report a line per figure and period (the person's id on their parts).
func reportCSV(r Report) [][]string {
	out := [][]string{{"figure", "unit", "period", "from", "to", "numerator", "denominator", "value", "staff_id"}}
	for _, s := range r.Figures {
		for _, p := range s.Points {
			out = append(out, pointRecord(s.Definition, p, ""))
		}
		for _, person := range s.People {
			for _, p := range person.Points {
				out = append(out, pointRecord(s.Definition, p, person.StaffID))
			}
		}
	}
	return out
}

func pointRecord(d Definition, p Point, staffID string) []string {
	v := ""
	if p.Value != nil {
		v = strconv.FormatFloat(*p.Value, 'f', -1, 64)
	}
	return []string{d.Name, string(d.Unit), p.Period, p.From, p.To, itoa(p.Num), itoa(p.Den), v, staffID}
}

// rowsCSV is the rows behind a figure, a line each.
func rowsCSV(page RowsPage, people bool) [][]string {
	out := [][]string{{"day", "subject", "subject_id", "doctor_id", "staff_id", "numerator", "denominator", "label", "at"}}
	for _, f := range page.Rows {
		staff, at := "", ""
		if people {
			staff = f.StaffID
		}
		if f.At != nil {
			at = f.At.UTC().Format(time.RFC3339)
		}
		out = append(out, []string{f.Day, f.Subject, cell(f.SubjectID), f.DoctorID, staff, itoa(f.Num), itoa(f.Den), cell(f.Label), at})
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cell defuses text a spreadsheet would run as a formula: a cell starting with
// = + - @ (or a tab or carriage return) gets a leading apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
