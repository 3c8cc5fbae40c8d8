-- Cycles through a table of requests written by bench/wrk.ts (`-- <file>`), each thread starting
-- at its own offset so the connections spread over many users.
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local requests, count, index

function init(args)
  requests = dofile(args[1])
  count = #requests
  index = (offset or 0) * 7919 % count
end

function request()
  index = index % count + 1
  local item = requests[index]
  return wrk.format(item.method, item.path, item.headers, item.body)
end
