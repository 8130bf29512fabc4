-- wrk script for bench/run.sh. MODE picks what each request is; the authenticated ones rotate over the demo
-- voters voter1..voter1000 (HTTP Basic):
--   ref-open GET  /api/open/noop       the reference application (bench/reference): a JAX-RS no-op, anonymous
--   ref-get  GET  /api/auth/noop       the same behind Liberty's own BASIC login
--   ref-post POST /api/auth/noop       the same with a vote's body
--   static   GET  /login.html          a static page of Intrapoll, anonymous
--   poll     GET  /api/v1/polls/{id}
--   results  GET  /api/v1/polls/{id}/results
--   results-browser  the same as signed-in browsers: a session cookie each, rotating over the lines of the file
--                    SESSIONS names (bench/sessions.py), no Authorization header (what an edge cache may serve)
--   vote     POST /api/v1/polls/{id}/votes     durable ingest (first votes while the (voter, poll) pairs last)
--   noop     POST /api/v1/bench/noop            a no-op behind Intrapoll's own filters and sign-in
--   naive    POST /api/v1/bench/naive-votes/{id}   the naive design: one synchronous UPDATE per vote
-- POLLS lists "id=optionId,..."; requests cycle through (voter, poll) pairs. DELAY_MS, if set, paces each
-- connection (rate = connections * 1000 / DELAY_MS), for latency at a chosen rate. BALLOT picks a vote's body:
-- options (the default: the pair's option), rating (1 to 5 by voter) or text (one of a few answers by voter).
local mode = os.getenv("MODE") or "vote"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local ballot = os.getenv("BALLOT") or "options"
local answers = {
  "More coffee in the kitchen", "Fewer meetings on Fridays", "Better onboarding for new hires",
  "A clearer roadmap for next quarter", "Pair programming sessions", "Quieter rooms for focused work",
  "Lunch talks about what other teams build",
}
local polls = {}
for pair in string.gmatch(os.getenv("POLLS") or "none=none", "[^,]+") do
  local id, option = string.match(pair, "([^=]+)=(.+)")
  table.insert(polls, { id = id, body = '{"optionIds": ["' .. option .. '"]}' })
end

local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  return ((data:gsub(".", function(x)
    local r, b = "", x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d?%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

local auth = {}
for v = 1, 1000 do auth[v] = "Basic " .. base64("voter" .. v .. ":voter" .. v) end

local sessions = {}
if os.getenv("SESSIONS") then
  for line in io.lines(os.getenv("SESSIONS")) do table.insert(sessions, line) end
end

local step = tonumber(os.getenv("THREADS") or "2")
local counter = 0
local started = 0
local threads = {}

function setup(thread)
  thread:set("offset", started)
  started = started + 1
  table.insert(threads, thread)
end

statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function init(args)
  counter = offset
end

function delay()
  return delay_ms
end

request = function()
  local n = counter
  counter = counter + step
  local voter = (n % 1000) + 1
  local poll = polls[(math.floor(n / 1000) % #polls) + 1]
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth[voter] }
  if mode == "ref-open" then
    return wrk.format("GET", "/api/open/noop")
  elseif mode == "ref-get" then
    return wrk.format("GET", "/api/auth/noop", { ["Authorization"] = auth[voter] })
  elseif mode == "ref-post" then
    return wrk.format("POST", "/api/auth/noop", headers, '{"optionIds": ["a-vote-sized-option-id-0123456789ab"]}')
  elseif mode == "static" then
    return wrk.format("GET", "/login.html")
  elseif mode == "poll" then
    return wrk.format("GET", "/api/v1/polls/" .. poll.id, { ["Authorization"] = auth[voter] })
  elseif mode == "noop" then
    return wrk.format("POST", "/api/v1/bench/noop", headers, poll.body)
  elseif mode == "naive" then
    return wrk.format("POST", "/api/v1/bench/naive-votes/" .. poll.id, headers, poll.body)
  elseif mode == "results-browser" then
    return wrk.format("GET", "/api/v1/polls/" .. poll.id .. "/results",
      { ["Cookie"] = sessions[(n % #sessions) + 1] })
  elseif mode == "results" then
    return wrk.format("GET", "/api/v1/polls/" .. poll.id .. "/results", { ["Authorization"] = auth[voter] })
  end
  local body = poll.body
  if ballot == "rating" then
    body = '{"rating": ' .. (voter % 5 + 1) .. '}'
  elseif ballot == "text" then
    body = '{"text": "' .. answers[voter % #answers + 1] .. '"}'
  end
  return wrk.format("POST", "/api/v1/polls/" .. poll.id .. "/votes", headers, body)
end

-- One machine-readable line for bench/run.sh: requests/s, latency percentiles (ms), answers per status.
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(total) do table.insert(parts, status .. ":" .. count) end
  io.write(string.format("RESULT rps=%.1f p50=%.2f p90=%.2f p99=%.2f requests=%d errors=%d statuses=%s\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    table.concat(parts, ",")))
end
