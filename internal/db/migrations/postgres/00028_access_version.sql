-- +goose Up
-- Each instance keeps who a live sign-in token stands for (the staff member, their
-- role and branches) in memory under this version, and reads the version on every
-- request instead of the token's join. Every change to what that answer is made of
-- (staff, their branches, a token revoked or removed) counts it up in the changing
-- transaction, so a revoked token or a deactivated member is refused by every instance
-- once the change commits. New tokens need no count: nothing is kept for an unknown one.
CREATE TABLE access_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER staff_access AFTER UPDATE OR DELETE OR TRUNCATE ON staff
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER staff_branches_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_branches
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();
CREATE TRIGGER staff_tokens_access AFTER UPDATE OR DELETE OR TRUNCATE ON staff_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION access_changed();

-- +goose Down
DROP TRIGGER staff_tokens_access ON staff_tokens;
DROP TRIGGER staff_branches_access ON staff_branches;
DROP TRIGGER staff_access ON staff;
DROP FUNCTION access_changed();
DROP TABLE access_version;
