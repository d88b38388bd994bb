namespace OpenChat.Api.Governance;

/// <summary>
/// Records the usage of one or more completions of a key and model atomically: the key's daily usage by model, the day's set of keys, the
/// key's spend for the day and the month (what budgets are checked against), and, when the completion was
/// admitted in the key's current window, the difference between the tokens they really used and the estimate
/// counted at admission.
/// </summary>
internal static class UsageScript
{
    public const string Source = """
        local model = ARGV[1]
        redis.call('HINCRBY', KEYS[1], model .. ':requests', ARGV[12])
        redis.call('HINCRBY', KEYS[1], model .. ':input_tokens', ARGV[2])
        redis.call('HINCRBY', KEYS[1], model .. ':output_tokens', ARGV[3])
        redis.call('HINCRBY', KEYS[1], model .. ':cost_nanos', ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        redis.call('SADD', KEYS[2], ARGV[6])
        redis.call('EXPIRE', KEYS[2], ARGV[5])
        redis.call('HINCRBY', KEYS[3], 'tokens', ARGV[7])
        redis.call('HINCRBY', KEYS[3], 'cost_nanos', ARGV[4])
        redis.call('EXPIRE', KEYS[3], ARGV[8])
        redis.call('HINCRBY', KEYS[4], 'tokens', ARGV[7])
        redis.call('HINCRBY', KEYS[4], 'cost_nanos', ARGV[4])
        redis.call('EXPIRE', KEYS[4], ARGV[9])
        local window = tonumber(ARGV[10])
        if window > 0 then
          local reset = redis.call('HGET', KEYS[5], 'reset')
          if reset and tonumber(reset) == window then
            redis.call('HINCRBY', KEYS[5], 'tokens', ARGV[11])
          end
        end
        return 1
        """;
}
