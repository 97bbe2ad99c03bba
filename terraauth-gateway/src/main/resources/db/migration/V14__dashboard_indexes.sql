-- The operator dashboard: a connection's history (the deliveries about one Terra user), and each
-- list in its order (newest first, ties by id) read straight from an index, without a sort.
CREATE INDEX webhook_delivery_by_user ON webhook_delivery (terra_user_id, received_at_ms);
CREATE INDEX webhook_delivery_by_received_key ON webhook_delivery (received_at_ms, dedupe_key);
CREATE INDEX connection_by_updated ON connection (updated_at_ms, terra_user_id);
CREATE INDEX auth_session_by_issued ON auth_session (issued_at_ms, id);
