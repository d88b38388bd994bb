using System.Net;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Tests.Integration;

namespace OpenChat.Api.Tests.Routing;

/// <summary>
/// Each upstream serves the models it lists, by its own names for them: an Azure deployment takes <c>gpt-4o</c> as
/// <c>my-gpt4o</c>, with its key in the <c>api-key</c> header; aliases map a client's name to a model first.
/// </summary>
public sealed class ModelMapTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApiTestHost.Start(
            api: new Dictionary<string, string?> { ["OpenChat:Relay:ModelAliases:smart"] = "gpt-4o" },
            upstreams:
            [
                new SimulatedUpstream("azure",
                    new Dictionary<string, string?> { ["Models:0"] = "gpt-4o=my-gpt4o", ["ApiKeyHeader"] = "api-key" },
                    new Dictionary<string, string?> { ["Simulator:Profile"] = "azure", ["Simulator:Models:0"] = "my-gpt4o" }),
                new SimulatedUpstream("openai", new Dictionary<string, string?> { ["Models:0"] = "gpt-4o-mini" }),
            ]);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("smart")]
    public async Task A_model_goes_to_the_upstream_that_serves_it_by_that_upstreams_name(string model)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, "\"reply\":\"from azure\"", model: model), cancellationToken);
        var events = SseClient.Events(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal("from azure", SseClient.Content(events));
        var entry = Assert.Single(_host.JournalOf("azure").Entries, entry => entry.ScriptId == id);
        Assert.Equal("my-gpt4o", JsonDocument.Parse(entry.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal("[redacted]", entry.Headers["api-key"]);
        Assert.False(entry.Headers.ContainsKey("Authorization"));
        Assert.Equal(0, _host.JournalOf("openai").Received(id));
    }

    [Fact]
    public async Task Another_model_goes_to_its_own_upstream_by_its_own_name()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, model: "gpt-4o-mini"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(_host.JournalOf("openai").Entries, entry => entry.ScriptId == id);
        Assert.Equal("gpt-4o-mini", JsonDocument.Parse(entry.Body).RootElement.GetProperty("model").GetString());
        Assert.Equal(0, _host.JournalOf("azure").Received(id));
    }

    [Theory]
    [InlineData("my-gpt4o")]
    [InlineData("llama3.2")]
    public async Task A_model_no_upstream_serves_is_a_404_and_goes_nowhere(string model)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();
        var id = Scripts.NewId();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(id, model: model), cancellationToken);

        var error = await ErrorResponseAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "model_not_found", cancellationToken);
        Assert.Contains(model, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(_host.Simulators.Keys, name => Assert.Equal(0, _host.JournalOf(name).Received(id)));
    }

    [Fact]
    public async Task The_model_list_is_the_configured_names_when_no_upstream_serves_any_model()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = _host.CreateClient();

        var ids = await ModelIdsAsync(client, cancellationToken);

        Assert.Equal(["gpt-4o", "gpt-4o-mini", "smart"], ids.Order());
    }

    [Fact]
    public async Task The_model_list_joins_every_upstreams_own_list_and_the_configured_names_each_once_leaving_out_one_that_fails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(
            api: new Dictionary<string, string?>
            {
                ["OpenChat:Upstreams:down:BaseUrl"] = "http://127.0.0.1:9/v1",
                ["OpenChat:Upstreams:down:Models:0"] = "*",
                ["OpenChat:Relay:ModelAliases:fast"] = "shared",
            },
            upstreams:
            [
                new SimulatedUpstream("x", Simulator: new Dictionary<string, string?> { ["Simulator:Models:0"] = "x-model", ["Simulator:Models:1"] = "shared" }),
                new SimulatedUpstream("y", Simulator: new Dictionary<string, string?> { ["Simulator:Models:0"] = "y-model", ["Simulator:Models:1"] = "shared" }),
                new SimulatedUpstream("z", new Dictionary<string, string?> { ["Models:0"] = "z-listed=z-deployment", ["Models:1"] = "shared" }),
            ]);
        using var client = host.CreateClient();

        var ids = await ModelIdsAsync(client, cancellationToken);

        // Both simulators list their three default models as well as the configured ones (configuration adds to a
        // list): those and "shared" come from two upstreams and appear once; "down" is left out.
        Assert.Equal(["fast", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "shared", "x-model", "y-model", "z-listed"], ids.Order());
    }

    private static async Task<List<string>> ModelIdsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var list = JsonDocument.Parse(await client.GetStringAsync("/v1/models", cancellationToken)).RootElement;
        Assert.Equal("list", list.GetProperty("object").GetString());
        return [.. list.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];
    }
}
