package console

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// dayCursor is what changes a row of the day: the newest visit event, the day's
// documents (each counted, a signed one a thousand times, so a signature changes it),
// the questions sent expecting a reply, the newest edit of a patient's card, the
// questionnaires submitted and the branch's limits.
type dayCursor struct {
	Events    int64          `db:"events"`
	Papers    int64          `db:"papers"`
	Questions int64          `db:"questions"`
	Cards     sql.NullString `db:"cards"`
	Answers   int64          `db:"answers"`
	Limits    sql.NullString `db:"limits"`
}

// dayVisits keeps the day's appointments of a branch, as each part of the cursor
// joins them.
const dayVisits = ` WHERE a.branch_id = ? AND a.starts_at >= ? AND a.starts_at < ?`

// selectDayCursor reads the cursor in one statement; each part walks the day's
// appointments by their (branch, start) index and its own table by its appointment or
// patient index.
const selectDayCursor = `SELECT
	(SELECT COALESCE(MAX(e.id), 0) FROM appointment_events e JOIN appointments a ON e.appointment_id = a.id` +
	dayVisits + `) AS events,
	(SELECT COALESCE(SUM(CASE WHEN d.status = 'signed' THEN 1000 ELSE 1 END), 0) FROM documents d
		JOIN appointments a ON d.appointment_id = a.id` + dayVisits + ` AND d.status <> 'voided' AND d.superseded_at IS NULL) AS papers,
	(SELECT COUNT(*) FROM outbox o JOIN appointments a ON o.appointment_id = a.id` + dayVisits +
	` AND o.expects_reply AND o.status IN ('sent', 'delivered')) AS questions,
	(SELECT MAX(p.updated_at) FROM patients p JOIN appointments a ON p.id = a.patient_id` + dayVisits + `) AS cards,
	(SELECT COUNT(*) FROM questionnaire_responses q JOIN appointments a ON q.patient_id = a.patient_id` + dayVisits +
	` AND q.status = 'submitted') AS answers,
	(SELECT MAX(t.updated_at) FROM desk_thresholds t WHERE t.branch_id = ?) AS limits`

// selectNewest is the newest change anywhere: each part is the last entry of an
// index, so a quiet poll costs one short statement (outbox_sent_at holds sent
// messages only, hence its WHERE).
const selectNewest = `SELECT
	(SELECT COALESCE(MAX(id), 0) FROM appointment_events) AS events,
	(SELECT MAX(signed_at) FROM documents) AS signed,
	(SELECT MAX(generated_at) FROM documents) AS generated,
	(SELECT MAX(sent_at) FROM outbox WHERE sent_at IS NOT NULL) AS sent,
	(SELECT MAX(updated_at) FROM patients) AS cards,
	(SELECT MAX(submitted_at) FROM questionnaire_responses) AS answers,
	(SELECT MAX(updated_at) FROM desk_thresholds) AS limits`

// newest is the clinic-wide change cursor.
type newest struct {
	Events    int64          `db:"events"`
	Signed    sql.NullString `db:"signed"`
	Generated sql.NullString `db:"generated"`
	Sent      sql.NullString `db:"sent"`
	Cards     sql.NullString `db:"cards"`
	Answers   sql.NullString `db:"answers"`
	Limits    sql.NullString `db:"limits"`
}

// statements keeps the polls' statements prepared per database (SQLite would compile
// them on every poll otherwise).
var statements sync.Map

func (c *Console) reads() *db.ReadStatements {
	if st, ok := statements.Load(c.svc.DB); ok {
		return st.(*db.ReadStatements)
	}
	st, _ := statements.LoadOrStore(c.svc.DB, db.NewReadStatements(c.svc.DB))
	return st.(*db.ReadStatements)
}

// cursor reads the day's change cursor.
func (c *Console) cursor(ctx context.Context, b clinic.Branch, date string) (dayCursor, error) {
	var cur dayCursor
	from, to, err := booking.LocalDay(date, b.TimeZone)
	if err != nil {
		return cur, err
	}
	args := make([]any, 0, 16)
	for range 5 {
		args = append(args, b.ID, from, to)
	}
	args = append(args, b.ID)
	return cur, c.reads().Get(ctx, &cur, selectDayCursor, args...)
}

// dayTag is a desk's ETag, W/"<anywhere>.<day>": the first part fingerprints the
// newest change anywhere, the second the day's own rows; both also the minute (stages
// count minutes late and waiting), the language and the day asked. A page starts with
// the first part only.
type dayTag struct{ anywhere, day string }

func (t dayTag) String() string { return `W/"` + t.anywhere + "." + t.day + `"` }

func parseTag(raw string) dayTag {
	raw = strings.TrimSuffix(strings.TrimPrefix(raw, `W/"`), `"`)
	a, d, _ := strings.Cut(raw, ".")
	return dayTag{anywhere: a, day: d}
}

// fingerprint hashes a cursor with what else a row depends on.
func (c *Console) fingerprint(cur any, lang string, q dayAsked, branchID string) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%+v|%d|%s|%+v|%s", cur, c.opts.Now().Unix()/60, lang, q, branchID)
	return strconv.FormatUint(h.Sum64(), 36)
}

// anywhere is the first part of the tag: the newest change of the clinic.
func (c *Console) anywhere(ctx context.Context, lang string, q dayAsked, branchID string) (string, error) {
	var n newest
	if err := c.reads().Get(ctx, &n, selectNewest); err != nil {
		return "", err
	}
	return c.fingerprint(n, lang, q, branchID), nil
}

// todayChanges answers a desk's poll: 304 while nothing anywhere changed (one short
// statement), 304 with a new tag when changes elsewhere left the day as it was, else
// the day's rows, each with its id and version, for the script to swap those that
// changed. Instances share nothing but the database, so any of them answers alike.
func (c *Console) todayChanges(fc *fiber.Ctx) error {
	ctx := fc.UserContext()
	b, err := c.svc.Clinic.Branch(ctx, fc.Query("branch", fc.Cookies(branchCookie)))
	if err != nil {
		return c.fail(fc, err)
	}
	lang, q := c.lang(fc, b.Locale), c.asked(fc, b)
	theirs := parseTag(fc.Get(fiber.HeaderIfNoneMatch))
	tag := dayTag{day: theirs.day}
	if tag.anywhere, err = c.anywhere(ctx, lang, q, b.ID); err != nil {
		return c.fail(fc, err)
	}
	fc.Set(fiber.HeaderCacheControl, "no-store")
	if tag.anywhere != theirs.anywhere {
		cur, err := c.cursor(ctx, b, q.Date)
		if err != nil {
			return c.fail(fc, err)
		}
		tag.day = c.fingerprint(cur, lang, q, b.ID)
	}
	fc.Set(fiber.HeaderETag, tag.String())
	if tag.anywhere == theirs.anywhere || (theirs.day != "" && tag.day == theirs.day) {
		return fc.SendStatus(fiber.StatusNotModified)
	}
	return c.sendRows(fc, b, lang, q, c.opts.Now())
}

// sendRows draws the day's board alone, as the page's script swaps it in.
func (c *Console) sendRows(fc *fiber.Ctx, b clinic.Branch, lang string, q dayAsked, now time.Time) error {
	data, err := c.loadDay(fc.UserContext(), b, q.Date)
	if err != nil {
		return c.fail(fc, err)
	}
	d := Desk{Branch: b, Lang: lang, Frame: c.frame(fc, lang, T(lang, "today.title"), "today")}
	d.Frame.Branch = b.ID
	v := c.todayView(fc, d, q, data.board(now, lang, q.By))
	var buf bytes.Buffer
	if err := pageNamed("today").ExecuteTemplate(&buf, "_today_board", v); err != nil {
		return c.fail(fc, err)
	}
	fc.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return fc.Send(buf.Bytes())
}
