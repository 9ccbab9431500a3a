package recall

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const insertPlan = `INSERT INTO treatment_plans (id, patient_id, branch_id, status, created_by, created_at)
	VALUES (?, ?, ?, 'active', ?, ?)`

const insertStage = `INSERT INTO treatment_plan_stages (plan_id, position, service_id, after_days, due_on)
	VALUES (?, ?, ?, ?, ?)`

const planColumns = `id, patient_id, branch_id, status, created_by, created_at`

const selectPatientPlans = `SELECT ` + planColumns + ` FROM treatment_plans WHERE patient_id = ? ORDER BY created_at, id`

const selectPlan = `SELECT ` + planColumns + ` FROM treatment_plans WHERE id = ?`

const stageColumns = `plan_id, position, service_id, after_days, due_on, done_at, done_appointment_id, messaged_at`

const selectStages = `SELECT ` + stageColumns + ` FROM treatment_plan_stages WHERE plan_id IN (?)
	ORDER BY plan_id, position`

// countDoneBy tells whether a visit already did a stage: a redelivered completion.
const countDoneBy = `SELECT COUNT(*) FROM treatment_plan_stages WHERE done_appointment_id = ?`

// selectOpenStage is the patient's first stage of the service still to do, in the
// oldest active plan.
const selectOpenStage = `SELECT s.plan_id, s.position, s.service_id, s.after_days, s.due_on, s.done_at,
	s.done_appointment_id, s.messaged_at FROM treatment_plan_stages s JOIN treatment_plans t ON t.id = s.plan_id
	WHERE t.patient_id = ? AND t.status = 'active' AND s.service_id = ? AND s.done_at IS NULL
	ORDER BY t.created_at, t.id, s.position LIMIT 1`

const markStageDone = `UPDATE treatment_plan_stages SET done_at = ?, done_appointment_id = ?
	WHERE plan_id = ? AND position = ? AND done_at IS NULL`

const setStageDue = `UPDATE treatment_plan_stages SET due_on = ?
	WHERE plan_id = ? AND position = ? AND done_at IS NULL`

// completePlan closes a plan whose every stage is done.
const completePlan = `UPDATE treatment_plans SET status = 'completed' WHERE id = ? AND NOT EXISTS
	(SELECT 1 FROM treatment_plan_stages WHERE plan_id = ? AND done_at IS NULL)`

// dueStage is a stage the sweep may remind of, with its plan's patient and branch.
type dueStage struct {
	Stage
	PatientID string `db:"patient_id"`
	BranchID  string `db:"branch_id"`
	Contact
}

// selectDueStages is a page of later stages (not the first) become due on or before a
// date, not done and not yet reminded of, after the cursor (due_on, plan_id, position).
const selectDueStages = `SELECT s.plan_id, s.position, s.service_id, s.after_days, s.due_on, s.done_at,
	s.done_appointment_id, s.messaged_at, t.patient_id, t.branch_id, p.first_name, p.last_name, p.phone, p.email,
	p.locale, p.preferred_channel, p.consents
	FROM treatment_plan_stages s JOIN treatment_plans t ON t.id = s.plan_id JOIN patients p ON p.id = t.patient_id
	WHERE t.status = 'active' AND s.position > 0 AND s.done_at IS NULL AND s.messaged_at IS NULL
	AND s.due_on IS NOT NULL AND s.due_on <= ? AND p.merged_into IS NULL
	AND (s.due_on > ? OR (s.due_on = ? AND (s.plan_id > ? OR (s.plan_id = ? AND s.position > ?))))
	ORDER BY s.due_on, s.plan_id, s.position LIMIT ?`

const markStageMessaged = `UPDATE treatment_plan_stages SET messaged_at = ?
	WHERE plan_id = ? AND position = ? AND messaged_at IS NULL`

func (s store) insertPlan(ctx context.Context, tx db.Tx, p Plan) error {
	if err := db.Exec(ctx, tx, insertPlan, p.ID, p.PatientID, p.BranchID, p.CreatedBy, p.CreatedAt); err != nil {
		return err
	}
	for _, st := range p.Stages {
		if err := db.Exec(ctx, tx, insertStage, p.ID, st.Position, st.ServiceID, st.AfterDays, st.DueOn); err != nil {
			return err
		}
	}
	return nil
}

func (s store) patientPlans(ctx context.Context, patientID string) ([]Plan, error) {
	var plans []Plan
	if err := db.Select(ctx, s.db.R, &plans, selectPatientPlans, patientID); err != nil {
		return nil, err
	}
	return plans, s.withStages(ctx, s.db.R, plans)
}

func (s store) plan(ctx context.Context, q db.Q, id string) (Plan, error) {
	var p Plan
	if err := db.Get(ctx, q, &p, selectPlan, id); err != nil {
		return p, err
	}
	plans := []Plan{p}
	err := s.withStages(ctx, q, plans)
	return plans[0], err
}

// withStages fills the plans' stages with one query.
func (s store) withStages(ctx context.Context, q db.Q, plans []Plan) error {
	if len(plans) == 0 {
		return nil
	}
	ids := make([]string, len(plans))
	at := make(map[string]int, len(plans))
	for i, p := range plans {
		ids[i], at[p.ID] = p.ID, i
	}
	query, args, err := in(selectStages, ids)
	if err != nil {
		return err
	}
	var stages []Stage
	if err := db.Select(ctx, q, &stages, query, args...); err != nil {
		return err
	}
	for _, st := range stages {
		plans[at[st.PlanID]].Stages = append(plans[at[st.PlanID]].Stages, st)
	}
	return nil
}

func (s store) doneBy(ctx context.Context, tx db.Tx, visitID string) (bool, error) {
	var n int
	err := db.Get(ctx, tx, &n, countDoneBy, visitID)
	return n > 0, err
}

func (s store) openStage(ctx context.Context, tx db.Tx, patientID, serviceID string) (Stage, error) {
	var st Stage
	return st, db.Get(ctx, tx, &st, selectOpenStage, patientID, serviceID)
}

// finishStage marks a stage done by a visit and makes the next one due on dueOn; the
// plan completes when no stage is left.
func (s store) finishStage(ctx context.Context, tx db.Tx, st Stage, visitID string, at time.Time, nextDue string) error {
	if err := db.ExecOne(ctx, tx, markStageDone, at, visitID, st.PlanID, st.Position); err != nil {
		return err
	}
	if err := db.Exec(ctx, tx, setStageDue, nextDue, st.PlanID, st.Position+1); err != nil {
		return err
	}
	return db.Exec(ctx, tx, completePlan, st.PlanID, st.PlanID)
}

type stageCursor struct {
	due, plan string
	position  int
}

func (s store) dueStages(ctx context.Context, onOrBefore string, c stageCursor, limit int) ([]dueStage, error) {
	var out []dueStage
	err := db.Select(ctx, s.db.R, &out, selectDueStages, onOrBefore, c.due, c.due, orMin(c.plan), orMin(c.plan), c.position, limit)
	return out, err
}

func (s store) markStageMessaged(ctx context.Context, tx db.Tx, st Stage, at time.Time) error {
	return db.Exec(ctx, tx, markStageMessaged, at, st.PlanID, st.Position)
}
