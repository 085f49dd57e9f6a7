-- Adds one tenant's existing licenses and live sessions to the time indexes (RedisKeys.ordered),
-- for a mirror written before the indexes existed. Atomic per tenant, so it never races the
-- mirror's own writes: it indexes exactly what the sets hold at this instant.
-- KEYS[1] licenses set, KEYS[2] licenses_by_created, KEYS[3] active_sessions set, KEYS[4] sessions_by_start
-- ARGV[1] key of a license hash without its id (tenant:{t}:license:), ARGV[2] session key prefix,
-- ARGV[3] user index key without the user (tenant:{t}:user_sessions:)
local function ordered(millis, id)
  return string.rep('0', 19 - #millis) .. millis .. '|' .. id
end
local added = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local created = redis.call('HGET', ARGV[1] .. id, 'created_at')
  if created then
    added = added + redis.call('ZADD', KEYS[2], 0, ordered(created, id))
  end
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  -- A lapsed session's hash may be gone already; its end event removes it from the set.
  local session = redis.call('HMGET', ARGV[2] .. id, 'started_at', 'user_id')
  if session[1] and session[2] then
    local member = ordered(session[1], id)
    added = added + redis.call('ZADD', KEYS[4], 0, member)
    redis.call('ZADD', ARGV[3] .. session[2], 0, member)
  end
end
return added
