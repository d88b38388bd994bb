using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>
/// The Tools service on real Kestrel with external MCP servers configured. Waits on the catalog are awaited on its
/// change event, each bounded, never slept through.
/// </summary>
internal sealed class FederatedToolsHost : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly KestrelAppFactory<ToolCatalog> _factory;

    private FederatedToolsHost(KestrelAppFactory<ToolCatalog> factory)
    {
        _factory = factory;
        Client = new HttpClient { BaseAddress = factory.Start(), Timeout = WaitLimit };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ToolsServiceKey.Value);
    }

    public HttpClient Client { get; }

    public Uri Address => _factory.Address;

    public ToolCatalog Catalog => _factory.Services.GetRequiredService<ToolCatalog>();

    public ExternalMcpServer Server(string name) => _factory.Services.GetRequiredService<McpFederation>().Servers.Single(server => server.Name == name);

    public static FederatedToolsHost Start(params IEnumerable<KeyValuePair<string, string?>>[] settings)
    {
        var factory = new KestrelAppFactory<ToolCatalog>(settings.Append(ToolsServiceKey.Settings()).SelectMany(entries => entries).ToDictionary());
        try
        {
            return new FederatedToolsHost(factory);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>A server's settings, reconnecting quickly so a test that restarts it does not wait long.</summary>
    public static Dictionary<string, string?> McpServer(string name, Uri url, params (string Key, string Value)[] extra)
    {
        var key = $"OpenChat:Tools:McpServers:{name}";
        var settings = new Dictionary<string, string?>
        {
            [$"{key}:Url"] = url.ToString(),
            [$"{key}:Timeout"] = "00:00:10",
            [$"{key}:ReconnectBaseDelay"] = "00:00:00.050",
            [$"{key}:MaxReconnectDelay"] = "00:00:00.200",
        };
        foreach (var (setting, value) in extra)
        {
            settings[$"{key}:{setting}"] = value;
        }

        return settings;
    }

    /// <summary>Returns once <paramref name="condition"/> holds, checking it at each change of the catalog.</summary>
    public async Task WaitForAsync(Func<ToolCatalog, bool> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(WaitLimit);
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged() => changed.TrySetResult();
            Catalog.Changed += OnChanged;
            try
            {
                if (condition(Catalog))
                {
                    return;
                }

                await changed.Task.WaitAsync(limit.Token);
            }
            finally
            {
                Catalog.Changed -= OnChanged;
            }
        }
    }

    public Task WaitForToolAsync(string name) => WaitForAsync(catalog => catalog.Contains(name));

    public async Task<string[]> ListedNamesAsync()
    {
        var list = await Client.GetFromJsonAsync<JsonElement>("/tools", TestContext.Current.CancellationToken);
        return [.. list.GetProperty("data").EnumerateArray().Select(tool => tool.GetProperty("function").GetProperty("name").GetString()!)];
    }

    public async Task<HttpResponseMessage> InvokeAsync(string tool, string arguments)
    {
        using var content = new StringContent(arguments, Encoding.UTF8, "application/json");
        return await Client.PostAsync($"/tools/{tool}/invoke", content, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
