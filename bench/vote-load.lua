-- wrk script: every request is a vote by a distinct (voter, poll) pair, cycling voter1..voter1000 over the
-- polls listed in the POLLS environment variable ("id=optionId,id=optionId,...").
local polls = {}
for pair in string.gmatch(os.getenv("POLLS") or "", "[^,]+") do
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

-- wrk runs each thread in its own Lua state: thread i takes pairs i, i + step, i + 2 step, ...
local step = tonumber(os.getenv("THREADS") or "2")
local counter = 0
local started = 0
local threads = {}

function setup(thread)
  thread:set("offset", started)
  started = started + 1
  table.insert(threads, thread)
end

-- answers per HTTP status, per thread (each thread has its own Lua state; done() adds them up)
statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function init(args)
  counter = offset
end

request = function()
  -- each wrk thread takes every n-th (voter, poll) pair, so no pair is sent twice
  local n = counter
  counter = counter + step
  local voter = (n % 1000) + 1
  local poll = polls[(math.floor(n / 1000) % #polls) + 1]
  return wrk.format("POST", "/api/v1/polls/" .. poll.id .. "/votes",
    { ["Content-Type"] = "application/json", ["Authorization"] = auth[voter] }, poll.body)
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000))
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  for status, count in pairs(total) do io.write(string.format("status %d: %d\n", status, count)) end
end
