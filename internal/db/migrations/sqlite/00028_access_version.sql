-- +goose Up
-- Each instance keeps who a live sign-in token stands for (the staff member, their
-- role and branches) in memory under this version, and reads the version on every
-- request instead of the token's join. Every change to what that answer is made of
-- (staff, their branches, a token revoked or removed) counts it up in the changing
-- transaction, so a revoked token or a deactivated member is refused once the change
-- commits. New tokens need no count: nothing is kept for an unknown one.
CREATE TABLE access_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER staff_access_update AFTER UPDATE ON staff BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_access_delete AFTER DELETE ON staff BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_access_insert AFTER INSERT ON staff_branches BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_access_update AFTER UPDATE ON staff_branches BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_branches_access_delete AFTER DELETE ON staff_branches BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_tokens_access_update AFTER UPDATE ON staff_tokens BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER staff_tokens_access_delete AFTER DELETE ON staff_tokens BEGIN
    UPDATE access_version SET version = version + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER staff_tokens_access_delete;
DROP TRIGGER staff_tokens_access_update;
DROP TRIGGER staff_branches_access_delete;
DROP TRIGGER staff_branches_access_update;
DROP TRIGGER staff_branches_access_insert;
DROP TRIGGER staff_access_delete;
DROP TRIGGER staff_access_update;
DROP TABLE access_version;
