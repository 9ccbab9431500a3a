-- +goose Up
-- The websites allowed to embed a branch's booking widget: the public API answers CORS
-- only for these origins ("https://clinic.example", scheme, host and port, no path).
CREATE TABLE branch_origins (
    branch_id  TEXT NOT NULL REFERENCES branches (id),
    origin     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (branch_id, origin)
);

-- +goose Down
DROP TABLE branch_origins;
