-- Replay-proof dedupe keys, kept for their own window (the verifier's tolerance plus Terra's retry
-- horizon), independent of how long delivery bodies are retained. A delivery is a duplicate when
-- any of its keys is already here: 'trace:<X-Terra-Trace-Id>' (stable across Terra's retries,
-- which are re-signed with a new t) or 'sig:<sha256 hex of t "." raw body>' (the verified
-- signature identity, whatever the header spelling and whatever trace id a replayer invents).
CREATE TABLE webhook_seen (
  seen_key TEXT PRIMARY KEY,
  seen_at_ms BIGINT NOT NULL
);
CREATE INDEX webhook_seen_by_time ON webhook_seen (seen_at_ms);

-- Deliveries stored before this migration keep their trace ids as dedupe keys.
INSERT INTO webhook_seen (seen_key, seen_at_ms)
  SELECT 'trace:' || trace_id, received_at_ms FROM webhook_delivery WHERE trace_id IS NOT NULL;

-- The verified signature identity of each stored delivery (null for those stored before).
ALTER TABLE webhook_delivery ADD COLUMN signature_id TEXT;
