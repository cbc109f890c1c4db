-- wrk: each request submits a valid merchant ballot with the next unused invitation.
-- args: tokens file ("token csrf" per line), body file (the form without csrf)
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    table.insert(tokens, line)
  end
  local file = io.open(args[2])
  body = file:read("*a"):gsub("%s+$", "")
  file:close()
  nthreads = tonumber(args[3])
  accepted = 0
  other = 0
end

function request()
  local index = (counter - 1) * nthreads + id + 1
  counter = counter + 1
  local line = tokens[index]
  if line == nil then
    return wrk.format("GET", "/healthz")
  end
  local token, csrf = line:match("(%S+) (%S+)")
  return wrk.format("POST", "/s", {
    ["Cookie"] = "pingyi_s=" .. token,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "csrf=" .. csrf .. "&" .. body)
end

function response(status, headers, body)
  if status == 303 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_accepted, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("WRK accepted=%d other=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f\n",
    total_accepted, total_other, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
