using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.ModelSimulator.Journal;
using OpenChat.Testing;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>The simulator on real Kestrel, with no delays and a required API key.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "simulator-test-key";

    public KestrelAppFactory<SimulatorJournal> Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Simulator:TimeToFirstToken"] = "00:00:00",
        ["Simulator:InterTokenDelay"] = "00:00:00",
        ["Simulator:ApiKey"] = ApiKey,
    });

    public SimulatorJournal Journal => Factory.Services.GetRequiredService<SimulatorJournal>();

    public ValueTask InitializeAsync()
    {
        Factory.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    public HttpClient CreateClient(string? key = ApiKey)
    {
        var client = new HttpClient { BaseAddress = Factory.Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string json, string? key = ApiKey)
    {
        using var client = CreateClient(key);
        var response = await client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Posts with the key where the profile's provider expects it: Azure's <c>api-key</c>, else a bearer token.</summary>
    public Task<(HttpResponseMessage Response, string Body)> PostAsAsync(string profile, string json) =>
        profile == "azure" ? PostWithHeadersAsync(json, ("api-key", ApiKey)) : PostAsync(json);

    /// <summary>Posts with exactly the headers given, and no key unless one of them carries it.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostWithHeadersAsync(string json, params (string Name, string Value)[] headers)
    {
        using var client = CreateClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string Chat(string message, bool stream = true, string? extra = null) =>
        $$"""{"model":"gpt-4o-mini","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{System.Text.Json.JsonSerializer.Serialize(message)}}}]{{(extra is null ? "" : "," + extra)}}}""";
}
