namespace OpenChat.Api.Redis;

/// <summary>Where Redis is: <c>ConnectionStrings:redis</c>, which the AppHost sets.</summary>
internal sealed class RedisConnectionOptions
{
    public const string ConnectionName = "redis";

    public string? ConnectionString { get; set; }
}
