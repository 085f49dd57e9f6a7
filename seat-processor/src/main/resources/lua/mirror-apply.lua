-- Applies the Redis writes of one event (or heartbeat) atomically, unless a newer event of the
-- same tenant was applied already, and records the topic offset it came from.
-- KEYS[1] tenant sequence key, KEYS[2] partition offset key
-- ARGV[1] event sequence (-1: not sequenced, e.g. heartbeats), ARGV[2] record offset
-- ARGV[3] offset of the record before this one in the same pipelined batch and partition (-1: none)
-- ARGV[4..] operations: SET k v | DEL k | SADD k m | SREM k m | ZADD k m (score 0) | ZREM k m | PEXPIREAT k ms
--                       HSET k n f1 v1 .. fn vn | EXTEND k last_heartbeat_at expires_at
local after = tonumber(ARGV[3])
if after >= 0 and tonumber(redis.call('GET', KEYS[2]) or '-1') < after then
  -- The record before this one failed: applying this one would move the tenant's sequence and the
  -- partition's offset past it, and the retry would then skip it. Refuse; the batch is retried in order.
  return redis.error_reply('OUT_OF_ORDER offset ' .. ARGV[2] .. ' waits for offset ' .. ARGV[3])
end
local seq = tonumber(ARGV[1])
if seq >= 0 and seq <= tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[2], ARGV[2])
  return 0
end
local i = 4
while i <= #ARGV do
  local op = ARGV[i]
  if op == 'SET' or op == 'SADD' or op == 'SREM' or op == 'ZREM' or op == 'PEXPIREAT' then
    redis.call(op, ARGV[i + 1], ARGV[i + 2])
    i = i + 3
  elseif op == 'ZADD' then
    -- Time indexes: every score 0, members ordered by their bytes (see RedisKeys.ordered).
    redis.call('ZADD', ARGV[i + 1], 0, ARGV[i + 2])
    i = i + 3
  elseif op == 'DEL' then
    redis.call('DEL', ARGV[i + 1])
    i = i + 2
  elseif op == 'HSET' then
    local n = tonumber(ARGV[i + 2])
    local args = {}
    for j = 1, 2 * n do
      args[j] = ARGV[i + 2 + j]
    end
    redis.call('HSET', ARGV[i + 1], unpack(args))
    i = i + 3 + 2 * n
  elseif op == 'EXTEND' then
    -- A heartbeat: only for a session the mirror holds, and only forwards in time.
    local key, expires = ARGV[i + 1], tonumber(ARGV[i + 3])
    if redis.call('EXISTS', key) == 1 and tonumber(redis.call('HGET', key, 'expires_at') or '0') < expires then
      redis.call('HSET', key, 'last_heartbeat_at', ARGV[i + 2], 'expires_at', ARGV[i + 3])
      redis.call('PEXPIREAT', key, ARGV[i + 3])
    end
    i = i + 4
  else
    return redis.error_reply('unknown mirror operation ' .. tostring(op))
  end
end
if seq >= 0 then
  redis.call('SET', KEYS[1], seq)
end
redis.call('SET', KEYS[2], ARGV[2])
return 1
