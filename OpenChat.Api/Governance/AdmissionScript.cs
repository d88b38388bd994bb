namespace OpenChat.Api.Governance;

/// <summary>
/// Every check of one request in one atomic Lua script, so one round trip decides it for all replicas at once:
/// the budget, a concurrency slot (expired leases are dropped first, so a crashed replica's slots come back),
/// requests and tokens in the key's current one-minute window. A key with neither a request nor a token limit
/// keeps no window (its three commands would be Redis time on every request of most keys); one that gets a
/// limit starts a window with its next request. With the request's slot it takes up to as many spare slots as
/// asked (<see cref="SpareStreamSlots"/>), named after it, while the key's slots stay within three quarters of
/// its limit. Nothing is counted for a refused request but the refusal itself, in the key's usage. Times are
/// milliseconds on the Api's clock, passed in, so every replica and every test measures with the same clock;
/// Redis only sees relative expiries.
/// Garnet runs it atomically when started with <c>--lua --lua-transaction-mode</c>, locking the declared keys.
/// </summary>
internal static class AdmissionScript
{
    public const string Source = """
        local function num(v) if v then return tonumber(v) or 0 end return 0 end
        local now = tonumber(ARGV[1])
        local rpm = tonumber(ARGV[3])
        local tpm = tonumber(ARGV[4])
        local estimate = tonumber(ARGV[5])
        local max_streams = tonumber(ARGV[6])
        local lease = tonumber(ARGV[8])
        local budget_tokens = tonumber(ARGV[9])
        local budget_nanos = tonumber(ARGV[10])
        local windowed = rpm >= 0 or tpm >= 0
        local reset = 0
        local requests = 0
        local tokens = 0
        if windowed then
          local rate = redis.call('HMGET', KEYS[1], 'reset', 'requests', 'tokens')
          reset = num(rate[1])
          requests = num(rate[2])
          tokens = num(rate[3])
          if reset <= now then
            reset = now + tonumber(ARGV[2])
            requests = 0
            tokens = 0
          end
        end
        local streams = 0
        if max_streams >= 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
          streams = redis.call('ZCARD', KEYS[2])
        end
        local refusal = 0
        local spares = 0
        if budget_tokens >= 0 or budget_nanos >= 0 then
          local spent = redis.call('HMGET', KEYS[3], 'tokens', 'cost_nanos')
          if budget_tokens >= 0 and num(spent[1]) >= budget_tokens then
            refusal = 4
          elseif budget_nanos >= 0 and num(spent[2]) >= budget_nanos then
            refusal = 5
          end
        end
        if refusal == 0 and max_streams >= 0 and streams >= max_streams then refusal = 3 end
        if refusal == 0 and rpm >= 0 and requests >= rpm then refusal = 1 end
        if refusal == 0 and tpm >= 0 and tokens + estimate > tpm then refusal = 2 end
        if refusal == 0 then
          if windowed then
            requests = requests + 1
            tokens = tokens + estimate
            redis.call('HSET', KEYS[1], 'reset', reset, 'requests', requests, 'tokens', tokens)
            redis.call('PEXPIRE', KEYS[1], reset - now + 1000)
          end
          if max_streams >= 0 then
            redis.call('ZADD', KEYS[2], now + lease, ARGV[7])
            streams = streams + 1
            spares = math.min(tonumber(ARGV[14]), math.floor(max_streams * 3 / 4) - streams)
            spares = math.max(spares, 0)
            if spares > 0 then
              local members = {}
              for i = 1, spares do
                members[2 * i - 1] = now + lease
                members[2 * i] = ARGV[7] .. ':' .. i
              end
              -- Redis's Lua 5.1 has unpack, Garnet's newer Lua table.unpack.
              redis.call('ZADD', KEYS[2], (table.unpack or unpack)(members))
            end
            streams = streams + spares
            redis.call('PEXPIRE', KEYS[2], lease + 1000)
          end
        else
          redis.call('HINCRBY', KEYS[4], ARGV[11], 1)
          redis.call('EXPIRE', KEYS[4], ARGV[12])
          redis.call('SADD', KEYS[5], ARGV[13])
          redis.call('EXPIRE', KEYS[5], ARGV[12])
        end
        return {refusal, reset, requests, tokens, streams, spares}
        """;

    /// <summary>What the script returns first: why the request was refused, or <see cref="None"/>.</summary>
    public enum Refusal
    {
        None = 0,
        RequestsPerMinute = 1,
        TokensPerMinute = 2,
        ConcurrentStreams = 3,
        TokenBudget = 4,
        UsdBudget = 5,
    }
}
