package surveys

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// store is the surveys' SQL.
type store struct{ db *db.DB }

const surveyColumns = `s.id, s.follow_up_id, s.appointment_id, s.patient_id, s.branch_id, s.doctor_id, s.via, s.locale,
	s.sent_at, s.expires_at, s.answered_at, s.answered_by, s.overall, s.care, s.expectations, s.recommend, s.comment,
	s.created_at, p.first_name || ' ' || p.last_name AS patient_name, d.display_name AS doctor_name
	FROM surveys s JOIN patients p ON p.id = s.patient_id LEFT JOIN doctors d ON d.id = s.doctor_id`

// insertLinkSurvey starts a follow-up's survey as a sent link; a follow-up that has one
// already (sent, or answered on the phone) keeps it and nothing is written.
const insertLinkSurvey = `INSERT INTO surveys (id, follow_up_id, appointment_id, patient_id, branch_id, doctor_id,
	token_hash, via, locale, sent_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'link', ?, ?, ?, ?)
	ON CONFLICT (follow_up_id) DO NOTHING`

func (s store) insertLink(ctx context.Context, tx db.Tx, v Survey, tokenHash string) (bool, error) {
	err := db.ExecOne(ctx, tx, insertLinkSurvey, v.ID, v.FollowUpID, v.AppointmentID, v.PatientID, v.BranchID,
		v.DoctorID, tokenHash, v.Locale, v.SentAt, v.ExpiresAt, v.CreatedAt)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// upsertCall stores answers given on the phone: a new survey, or the follow-up's sent
// link answered by phone instead. An answered survey is left alone (no row returned).
const upsertCall = `INSERT INTO surveys (id, follow_up_id, appointment_id, patient_id, branch_id, doctor_id, via,
	locale, answered_at, answered_by, overall, care, expectations, recommend, comment, created_at)
	VALUES (?, ?, ?, ?, ?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (follow_up_id) DO UPDATE SET via = 'phone', answered_at = excluded.answered_at,
	answered_by = excluded.answered_by, overall = excluded.overall, care = excluded.care,
	expectations = excluded.expectations, recommend = excluded.recommend, comment = excluded.comment
	WHERE surveys.answered_at IS NULL
	RETURNING id`

func (s store) answerCall(ctx context.Context, tx db.Tx, v Survey, a reviews.Answers) (string, error) {
	var id string
	err := db.Get(ctx, tx, &id, upsertCall, v.ID, v.FollowUpID, v.AppointmentID, v.PatientID, v.BranchID, v.DoctorID,
		v.Locale, v.AnsweredAt, v.AnsweredBy, a.Overall, a.Care, a.Expectations, a.Recommend, a.Comment, v.CreatedAt)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrAnswered
	}
	return id, err
}

// answerLink stores answers sent through the link, once: a second submit finds the
// row answered and changes nothing.
const answerLink = `UPDATE surveys SET answered_at = ?, overall = ?, care = ?, expectations = ?, recommend = ?,
	comment = ? WHERE id = ? AND answered_at IS NULL`

func (s store) answerLink(ctx context.Context, tx db.Tx, id string, at time.Time, a reviews.Answers) error {
	err := db.ExecOne(ctx, tx, answerLink, at, a.Overall, a.Care, a.Expectations, a.Recommend, a.Comment, id)
	if errors.Is(err, db.ErrNotFound) {
		return ErrAnswered
	}
	return err
}

const selectByToken = `SELECT ` + surveyColumns + ` WHERE s.token_hash = ?`

func (s store) byToken(ctx context.Context, q db.Q, hash string) (Survey, error) {
	var v Survey
	return v, db.Get(ctx, q, &v, selectByToken, hash)
}

// place is what the texts say about where the visit was: the branch and the doctor.
type place struct {
	BranchName   string  `db:"branch_name"`
	BranchLocale string  `db:"branch_locale"`
	BranchZone   string  `db:"branch_zone"`
	DoctorName   *string `db:"doctor_name"`
}

const selectPlace = `SELECT b.name AS branch_name, b.locale AS branch_locale, b.time_zone AS branch_zone,
	(SELECT d.display_name FROM doctors d WHERE d.id = ?) AS doctor_name FROM branches b WHERE b.id = ?`

func (s store) place(ctx context.Context, q db.Q, branchID string, doctorID *string) (place, error) {
	var p place
	return p, db.Get(ctx, q, &p, selectPlace, doctorID, branchID)
}

const selectLinks = `SELECT site, url FROM branch_review_links WHERE branch_id = ? ORDER BY position`

func (s store) links(ctx context.Context, q db.Q, branchID string) ([]ReviewLink, error) {
	out := []ReviewLink{}
	return out, db.Select(ctx, q, &out, selectLinks, branchID)
}

const (
	deleteLinks = `DELETE FROM branch_review_links WHERE branch_id = ?`
	insertLink  = `INSERT INTO branch_review_links (branch_id, position, site, url) VALUES (?, ?, ?, ?)`
)

// setLinks replaces a branch's links with list, in its order.
func (s store) setLinks(ctx context.Context, tx db.Tx, branchID string, list []ReviewLink) error {
	if err := db.Exec(ctx, tx, deleteLinks, branchID); err != nil {
		return err
	}
	for i, l := range list {
		if err := db.Exec(ctx, tx, insertLink, branchID, i, l.Site, l.URL); err != nil {
			return err
		}
	}
	return nil
}

const selectBranchZone = `SELECT time_zone FROM branches WHERE id = ?`

func (s store) branchZone(ctx context.Context, branchID string) (string, error) {
	var zone string
	return zone, db.Get(ctx, s.db.R, &zone, selectBranchZone, branchID)
}
