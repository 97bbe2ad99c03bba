-- Event relay (issue 11). Every stored delivery gets one relay_event row in the same transaction:
-- seq is assigned under the write lock (SQLite) or an advisory lock (PostgreSQL), so seq order is
-- commit order and the pull feed's cursor never skips a row committed late. The body stays in
-- webhook_delivery (joined by dedupe_key) and is pruned with it.
CREATE TABLE relay_event (
  seq BIGINT PRIMARY KEY,
  id VARCHAR(64) NOT NULL,
  dedupe_key TEXT NOT NULL,
  trace_id TEXT,
  event_type TEXT NOT NULL,
  terra_user_id TEXT,
  received_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX relay_event_by_id ON relay_event (id);
CREATE UNIQUE INDEX relay_event_by_delivery ON relay_event (dedupe_key);
CREATE INDEX relay_event_by_received ON relay_event (received_at_ms);

-- Where events are pushed. source 'config' is the --relay-url endpoint (secret from the
-- environment, never stored: secret is null); 'admin' endpoints keep their signing secret here,
-- because the gateway must sign with it (the data files are owner-only).
CREATE TABLE relay_endpoint (
  id VARCHAR(64) PRIMARY KEY,
  source VARCHAR(16) NOT NULL,
  url TEXT NOT NULL,
  description TEXT,
  event_types TEXT,
  enabled INTEGER NOT NULL,
  ordered INTEGER NOT NULL,
  secret TEXT,
  previous_secret TEXT,
  previous_secret_until_ms BIGINT,
  failing_since_ms BIGINT,
  disabled_reason TEXT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

-- The outbox: one message per (endpoint, event). state: pending, delivered, failed. A pending
-- message with a live lease is being sent by lease_owner; an expired lease is taken over.
CREATE TABLE relay_message (
  endpoint_id VARCHAR(64) NOT NULL,
  event_seq BIGINT NOT NULL,
  terra_user_id TEXT,
  state VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  retry_index INTEGER NOT NULL,
  next_attempt_at_ms BIGINT NOT NULL,
  lease_owner VARCHAR(64),
  lease_until_ms BIGINT,
  created_at_ms BIGINT NOT NULL,
  delivered_at_ms BIGINT,
  PRIMARY KEY (endpoint_id, event_seq)
);
CREATE INDEX relay_message_due ON relay_message (endpoint_id, state, next_attempt_at_ms);
CREATE INDEX relay_message_by_user ON relay_message (endpoint_id, terra_user_id, event_seq);

-- Every attempt of every message (status null: no HTTP answer; error says why).
CREATE TABLE relay_attempt (
  endpoint_id VARCHAR(64) NOT NULL,
  event_seq BIGINT NOT NULL,
  attempt INTEGER NOT NULL,
  started_at_ms BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  status INTEGER,
  error TEXT,
  instance VARCHAR(64) NOT NULL,
  PRIMARY KEY (endpoint_id, event_seq, attempt)
);
CREATE INDEX relay_attempt_by_endpoint ON relay_attempt (endpoint_id, started_at_ms);
