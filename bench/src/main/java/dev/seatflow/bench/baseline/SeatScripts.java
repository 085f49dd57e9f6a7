package dev.seatflow.bench.baseline;

/**
 * The original design's Redis Lua scripts, as its report gives them (ACQUIRE_SEAT_SCRIPT,
 * HEARTBEAT_SCRIPT, RELEASE_SEAT_SCRIPT): loaded once, run with EVALSHA.
 */
final class SeatScripts {

    private SeatScripts() {
    }

    /** KEYS[1] tenant, ARGV session id and max seats; 1 granted, 0 all seats in use. */
    static final String ACQUIRE = """
            local tenant_id = KEYS[1]
            local session_id = ARGV[1]
            local max_seats = tonumber(ARGV[2])

            local seat_count_key = 'tenant:' .. tenant_id .. ':seat_count'
            local sessions_key = 'tenant:' .. tenant_id .. ':active_sessions'
            local session_key = 'session:' .. session_id

            local current_count = tonumber(redis.call('GET', seat_count_key) or '0')

            if current_count < max_seats then
              redis.call('INCR', seat_count_key)
              redis.call('SADD', sessions_key, session_id)
              redis.call('SETEX', session_key, 360, '1') -- 6 min TTL
              return 1 -- Success
            else
              return 0 -- All seats in use
            end
            """;

    /** ARGV session id; 1 extended, 0 lapsed or unknown. */
    static final String HEARTBEAT = """
            local session_id = ARGV[1]
            local session_key = 'session:' .. session_id

            if redis.call('EXISTS', session_key) == 1 then
              redis.call('EXPIRE', session_key, 360) -- Extend to 6 minutes
              return 1 -- Success
            else
              return 0 -- Session not found
            end
            """;

    /** KEYS[1] tenant, ARGV session id; 1 released, 0 not in Redis any more. */
    static final String RELEASE = """
            local tenant_id = KEYS[1]
            local session_id = ARGV[1]

            local seat_count_key = 'tenant:' .. tenant_id .. ':seat_count'
            local sessions_key = 'tenant:' .. tenant_id .. ':active_sessions'
            local session_key = 'session:' .. session_id

            if redis.call('EXISTS', session_key) == 1 then
              redis.call('DEL', session_key)
              redis.call('SREM', sessions_key, session_id)
              local current_count = tonumber(redis.call('GET', seat_count_key) or '0')
              if current_count > 0 then
                redis.call('DECR', seat_count_key)
              end
              return 1 -- Success
            else
              return 0 -- Session not found
            end
            """;
}
