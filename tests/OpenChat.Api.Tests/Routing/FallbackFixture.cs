using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Routing;

/// <summary>
/// Two upstreams serving every model: <c>primary</c> first, <c>fallback</c> (priority 1) after it. The primary never
/// leaves service here (a failure threshold no test reaches), so every request tries it first.
/// </summary>
public sealed class FallbackFixture : IAsyncLifetime
{
    public const string Primary = "primary";
    public const string Fallback = "fallback";

    public ApiTestHost Host { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Host = ApiTestHost.Start(
            api: new Dictionary<string, string?> { ["OpenChat:Routing:FailureThreshold"] = "1000000" },
            upstreams:
            [
                new SimulatedUpstream(Primary),
                new SimulatedUpstream(Fallback, new Dictionary<string, string?> { ["Priority"] = "1" }),
            ]);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
