-- +goose Up
-- The figures recount a branch's day every ten minutes and eight days each night: the
-- tasks closed, the follow-ups closed and the follow-up calls due on a day are read by
-- branch and time instead of walking every task and call ever made.
CREATE INDEX inbox_tasks_done ON inbox_tasks (branch_id, done_at);
CREATE INDEX follow_ups_closed ON follow_ups (branch_id, closed_at);
CREATE INDEX follow_up_attempts_due ON follow_up_attempts (due_at);

-- +goose Down
DROP INDEX follow_up_attempts_due;
DROP INDEX follow_ups_closed;
DROP INDEX inbox_tasks_done;
