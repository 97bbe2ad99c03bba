-- webhook_delivery_by_received (received_at_ms) is a prefix of webhook_delivery_by_received_key
-- (received_at_ms, dedupe_key), which serves every query the first did (retention's range delete,
-- the dashboard's newest-first list): keeping both cost every stored delivery one more index
-- insert and, on SQLite, WAL bytes in every batch.
DROP INDEX IF EXISTS webhook_delivery_by_received;
