-- Applies the Redis writes of one event (or heartbeat) atomically, in the order of the tenant's
-- events. Touches only the keys it is given, all of one tenant (one hash tag, one slot), so it runs
-- on a Redis Cluster as on one server. The topic offset is not written here: a partition's records
-- span tenants, hence slots; RedisMirror writes it after the batch.
-- KEYS[1] the tenant's sequence key; KEYS[2..] every other key the operations touch
-- ARGV[1] event sequence (-1: not sequenced, e.g. heartbeats)
-- ARGV[2..] operations, each naming its key by its index in KEYS:
--           SET k v | DEL k | SADD k m | SREM k m | ZADD k m (score 0) | ZREM k m | PEXPIREAT k ms
--           HSET k n f1 v1 .. fn vn | EXTEND k last_heartbeat_at expires_at
local seq = tonumber(ARGV[1])
local applied = tonumber(redis.call('GET', KEYS[1]) or '0')
if seq >= 0 and seq <= applied then
  return 0 -- applied already (a redelivery, or a replay after a crash before the offsets were written)
end
if seq > applied + 1 then
  -- A tenant's sequences are gap-free from 1, so the events in between are missing here: the one
  -- before it in this batch failed (the retry applies both in order), or the tenant's keys are gone
  -- while the offsets remain (see the README for the recovery). Applying it would hide the loss.
  return redis.error_reply('SEQUENCE_GAP ' .. KEYS[1] .. ' is at ' .. applied .. ', event ' .. ARGV[1] .. ' cannot follow')
end
local i = 2
while i <= #ARGV do
  local op, key = ARGV[i], KEYS[tonumber(ARGV[i + 1])]
  if op == 'SET' or op == 'SADD' or op == 'SREM' or op == 'ZREM' or op == 'PEXPIREAT' then
    redis.call(op, key, ARGV[i + 2])
    i = i + 3
  elseif op == 'ZADD' then
    -- Time indexes: every score 0, members ordered by their bytes (see RedisKeys.ordered).
    redis.call('ZADD', key, 0, ARGV[i + 2])
    i = i + 3
  elseif op == 'DEL' then
    redis.call('DEL', key)
    i = i + 2
  elseif op == 'HSET' then
    local n = tonumber(ARGV[i + 2])
    local args = {}
    for j = 1, 2 * n do
      args[j] = ARGV[i + 2 + j]
    end
    redis.call('HSET', key, unpack(args))
    i = i + 3 + 2 * n
  elseif op == 'EXTEND' then
    -- A heartbeat: only for a session the mirror holds, and only forwards in time.
    local expires = tonumber(ARGV[i + 3])
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
return 1
