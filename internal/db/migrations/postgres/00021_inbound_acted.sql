-- +goose Up
-- A reply that asks for an action on a visit (confirm, decline) is stored first and acted
-- on after; acted_at marks it done, so a crash in between leaves it for the
-- inbound_replies job instead of unacted for ever. Earlier replies count as acted.
ALTER TABLE inbound_messages ADD COLUMN acted_at TIMESTAMPTZ;
UPDATE inbound_messages SET acted_at = received_at;
CREATE INDEX inbound_messages_unacted ON inbound_messages (received_at) WHERE acted_at IS NULL;

-- +goose Down
DROP INDEX inbound_messages_unacted;
ALTER TABLE inbound_messages DROP COLUMN acted_at;
