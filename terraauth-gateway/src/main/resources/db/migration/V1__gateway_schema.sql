-- One schema for SQLite and PostgreSQL: portable types, times as epoch milliseconds.

-- One row per Terra user id (one end user x one provider account).
CREATE TABLE connection (
  terra_user_id VARCHAR(128) PRIMARY KEY,
  reference_id VARCHAR(255),
  provider VARCHAR(64),
  state VARCHAR(32) NOT NULL,
  scopes TEXT NOT NULL,
  detail VARCHAR(255),
  widget_session_id VARCHAR(128),
  ordering_ts_ms BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX connection_by_reference ON connection (reference_id);

-- Widget sessions and mobile tokens issued through the gateway. A token itself is never stored:
-- mobile tokens are identified by the SHA-256 of the token.
CREATE TABLE auth_session (
  id VARCHAR(128) PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  reference_id VARCHAR(255) NOT NULL,
  return_nonce VARCHAR(64),
  issued_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  outcome VARCHAR(32) NOT NULL,
  outcome_detail VARCHAR(255),
  return_url VARCHAR(2048),
  redirect_hint VARCHAR(32),
  terra_user_id VARCHAR(128),
  completed_at_ms BIGINT
);
CREATE INDEX auth_session_by_reference ON auth_session (reference_id, kind, issued_at_ms);
CREATE UNIQUE INDEX auth_session_by_nonce ON auth_session (return_nonce);

-- Verified webhook deliveries, stored once (dedupe_key = X-Terra-Trace-Id, else a body hash).
CREATE TABLE webhook_delivery (
  dedupe_key VARCHAR(255) PRIMARY KEY,
  trace_id VARCHAR(255),
  event_type VARCHAR(64) NOT NULL,
  outcome VARCHAR(32) NOT NULL,
  matched_secret VARCHAR(128) NOT NULL,
  terra_user_id VARCHAR(128),
  ordering_ts_ms BIGINT,
  received_at_ms BIGINT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX webhook_delivery_by_received ON webhook_delivery (received_at_ms);
