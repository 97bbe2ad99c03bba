-- Issue rate limits (mobile and streaming tokens): one row per (kind, user) that every issuing
-- transaction upserts first, so concurrent issues for one key queue behind its row lock
-- (PostgreSQL) or the write lock (SQLite), and one row per issue inside the window.
CREATE TABLE issue_rate_key (
  limit_key VARCHAR(320) PRIMARY KEY,
  touched_at_ms BIGINT NOT NULL
);

CREATE TABLE issue_rate_event (
  id VARCHAR(64) PRIMARY KEY,
  limit_key VARCHAR(320) NOT NULL,
  issued_at_ms BIGINT NOT NULL
);
CREATE INDEX issue_rate_event_by_key ON issue_rate_event (limit_key, issued_at_ms);
