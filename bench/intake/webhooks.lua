-- wrk script of bench/intake: sends the pre-signed webhooks Driver.java wrote, each exactly once
-- (BENCH_REQUESTS: their directory, one file per wrk thread), and prints one result line.
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  requests = {}
  local file = assert(io.open(os.getenv("BENCH_REQUESTS") .. "/requests-" .. id .. ".txt", "r"))
  for line in file:lines() do
    local trace, signature, ordering, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", "/webhooks/terra", {
      ["Content-Type"] = "application/json",
      ["terra-signature"] = signature,
      ["X-Terra-Signature"] = signature,
      ["X-Terra-Trace-Id"] = trace,
      ["X-Terra-Ordering-Timestamp"] = ordering,
    }, body)
  end
  file:close()
  position = 0
end

function request()
  position = position + 1
  if position > #requests then
    -- never reached when the pool is large enough (run.sh sizes it); a repeat would be a
    -- duplicate, answered 200 but not stored, and the row check would flag it
    position = 1
  end
  return requests[position]
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
