-- +goose Up
-- Which branch a message speaks for (its channels and sender are configured per branch),
-- and whether it asks the patient a question (a reminder asking for 1/2): an inbound
-- reply is matched to the newest open question sent to that phone.
ALTER TABLE outbox ADD COLUMN branch_id UUID REFERENCES branches (id);
ALTER TABLE outbox ADD COLUMN expects_reply BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX outbox_questions ON outbox (recipient, created_at) WHERE expects_reply;

-- +goose Down
DROP INDEX outbox_questions;
ALTER TABLE outbox DROP COLUMN expects_reply;
ALTER TABLE outbox DROP COLUMN branch_id;
