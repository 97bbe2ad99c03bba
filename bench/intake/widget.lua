-- wrk script of bench/intake, second part: one widget-session request, repeated
-- (BENCH_PATH, BENCH_BODY, and BENCH_AUTH for the gateway or BENCH_DEV_ID + BENCH_API_KEY for
-- the emulator), printing one result line.
function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  if os.getenv("BENCH_AUTH") then
    headers["Authorization"] = os.getenv("BENCH_AUTH")
  else
    headers["dev-id"] = os.getenv("BENCH_DEV_ID")
    headers["x-api-key"] = os.getenv("BENCH_API_KEY")
  end
  prepared = wrk.format("POST", os.getenv("BENCH_PATH"), headers, os.getenv("BENCH_BODY"))
end

function request()
  return prepared
end

function done(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("RESULT %s conns=%s req/s=%.0f p50_ms=%.2f p99_ms=%.2f 2xx=%d other=%d\n",
    os.getenv("BENCH_LABEL"), os.getenv("BENCH_CONNS"),
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests - errors.status, errors.status + failed))
end
