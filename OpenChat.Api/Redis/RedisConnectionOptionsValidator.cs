using Microsoft.Extensions.Options;

namespace OpenChat.Api.Redis;

internal sealed class RedisConnectionOptionsValidator : IValidateOptions<RedisConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisConnectionOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"ConnectionStrings:{RedisConnectionOptions.ConnectionName} must name the Redis server (host:port[,password=...]), or set both OpenChat:Transcripts:Enabled and OpenChat:Governance:Enabled to false.")
            : ValidateOptionsResult.Success;
}
