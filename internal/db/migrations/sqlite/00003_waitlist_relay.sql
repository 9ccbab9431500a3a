-- +goose Up
-- The event relay claims undelivered events with a lease (claimed_until, claim_token),
-- so two app instances never deliver the same event at once; a failed delivery pushes
-- claimed_until out as its back-off and counts the attempt.
ALTER TABLE appointment_events ADD COLUMN claimed_until TIMESTAMP;
ALTER TABLE appointment_events ADD COLUMN claim_token TEXT;
ALTER TABLE appointment_events ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointment_events ADD COLUMN last_error TEXT NOT NULL DEFAULT '';

-- An offer knows the time it would block (to learn when a booking takes it), the link
-- it was sent with (only the hash) and the hold its patient placed through it.
ALTER TABLE waitlist_offers ADD COLUMN blocked_until TIMESTAMP;
ALTER TABLE waitlist_offers ADD COLUMN link_hash TEXT REFERENCES patient_links (token_hash);
ALTER TABLE waitlist_offers ADD COLUMN hold_id TEXT REFERENCES appointments (id);
CREATE UNIQUE INDEX waitlist_offers_link ON waitlist_offers (link_hash);
CREATE INDEX waitlist_offers_hold ON waitlist_offers (hold_id);
CREATE INDEX waitlist_offers_doctor_time ON waitlist_offers (doctor_id, starts_at);
CREATE INDEX waitlist_entries_branch ON waitlist_entries (branch_id, status, created_at);

-- +goose Down
DROP INDEX waitlist_entries_branch;
DROP INDEX waitlist_offers_doctor_time;
DROP INDEX waitlist_offers_hold;
DROP INDEX waitlist_offers_link;
ALTER TABLE waitlist_offers DROP COLUMN hold_id;
ALTER TABLE waitlist_offers DROP COLUMN link_hash;
ALTER TABLE waitlist_offers DROP COLUMN blocked_until;
ALTER TABLE appointment_events DROP COLUMN last_error;
ALTER TABLE appointment_events DROP COLUMN attempts;
ALTER TABLE appointment_events DROP COLUMN claim_token;
ALTER TABLE appointment_events DROP COLUMN claimed_until;
