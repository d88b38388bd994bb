using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Clients;

/// <summary>One Api with the Tools service per provider profile of the simulator, each upstream speaking its provider's stream shape.</summary>
public sealed class ProfileHostsFixture : IAsyncLifetime
{
    public static readonly TheoryData<string> Profiles = ["openai", "azure", "ollama", "vllm"];

    private readonly Dictionary<string, ApiTestHost> _hosts = [];

    public ApiTestHost For(string profile) => _hosts[profile];

    public ValueTask InitializeAsync()
    {
        foreach (var profile in Profiles)
        {
            _hosts[profile] = ApiTestHost.StartWithTools(
                // Azure takes its key in the api-key header; the others as a bearer token.
                api: profile == "azure" ? new Dictionary<string, string?> { ["OpenChat:Upstream:ApiKeyHeader"] = "api-key" } : null,
                simulator: new Dictionary<string, string?> { ["Simulator:Profile"] = profile });
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }
    }
}
