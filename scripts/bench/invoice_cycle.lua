-- wrk script: each step is one invoice's life through the API: create a draft,
-- issue it (gapless number, journal entry), pay it in full.
-- wrk keeps one Lua state per thread, so run it with as many connections as
-- threads (-t N -c N): each thread then has one request in flight and its
-- responses come back in order.
local token = os.getenv("PARTAGE_TOKEN")
local activity = os.getenv("PARTAGE_ACTIVITY")
local client = os.getenv("PARTAGE_CLIENT")
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local draft = '{"activity_id":"' .. activity .. '","client_id":"' .. client ..
  '","currency":"EUR","lines":[{"description":"Concert","quantity":"1","unit_price":"1000.00","vat_rate":"21"}]}'
local payment = '{"amount":"1210.00","currency":"EUR"}'

phase, id, cycles, failures = 0, nil, 0, 0
-- The first refused answer of this thread, printed at the end: a count alone says nothing of why.
first_failure = nil

local function failed(step, status, body)
  failures = failures + 1
  if first_failure == nil then
    local said = string.gsub(string.sub(body or "", 1, 300), "%s+", " ")
    first_failure = string.format("%s answered %d: %s", step, status, said)
  end
end

request = function()
  if phase == 0 then
    return wrk.format("POST", "/api/v1/invoices", headers, draft)
  elseif phase == 1 then
    return wrk.format("POST", "/api/v1/invoices/" .. id .. "/issue", headers, "null")
  else
    return wrk.format("POST", "/api/v1/invoices/" .. id .. "/payments", headers, payment)
  end
end

response = function(status, _, body)
  if phase == 0 then
    if status == 201 then
      id = string.match(body, '"id":"([0-9a-f%-]+)"')
      phase = 1
    else
      failed("draft", status, body)
    end
  elseif phase == 1 then
    if status == 200 then phase = 2 else failed("issue", status, body); phase = 0 end
  else
    if status == 201 then cycles = cycles + 1 else failed("payment", status, body) end
    phase = 0
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, _)
  local c, f = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("cycles")
    f = f + t:get("failures")
    local first = t:get("first_failure")
    if first then io.write("FAILURE " .. first .. "\n") end
  end
  -- Refused answers (counted above, once each: wrk's errors.status counts the same ones) and
  -- the socket's own errors.
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests/s %.1f invoices/s %.1f failures %d p50_ms %.2f p99_ms %.2f max_ms %.2f\n",
    summary.requests / seconds, c / seconds, f + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
