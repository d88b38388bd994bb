using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;
using OpenTelemetry.Trace;

namespace OpenChat.Api.Tests.Routing;

/// <summary>A completion that fell back: its transcript names the upstream that served and every attempt, and each attempt is a span.</summary>
public sealed class RoutedTranscriptTests : IAsyncLifetime
{
    private readonly GarnetTestServer _garnet = new();
    private readonly LockedCollection<Activity> _spans = new();
    private ApiTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.Start(
            redis: _garnet.ConnectionString,
            upstreams:
            [
                new SimulatedUpstream("primary"),
                new SimulatedUpstream("fallback", new Dictionary<string, string?> { ["Priority"] = "1" }),
            ],
            configureApi: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task The_transcript_names_the_upstream_that_served_and_each_attempt_and_each_attempt_is_a_span()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var root = new Activity("routing test") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        using var written = _host.TranscriptsWritten();
        using var client = _host.CreateClient();

        using var response = await SseClient.PostAsync(client, Scripts.Chat(Scripts.NewId(), "\"status\":503,\"fail_on\":[\"primary\"]"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        await written.WaitForTotalAsync(1, TimeSpan.FromSeconds(60), cancellationToken);
        var transcript = JsonDocument.Parse(await client.GetStringAsync($"/v1/transcripts/{response.Headers.GetValues("X-Transcript-Id").Single()}", cancellationToken)).RootElement;
        _host.Api.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", transcript.GetProperty("status").GetString());
        Assert.Equal("fallback", transcript.GetProperty("upstream").GetString());
        var attempts = transcript.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal((1, "primary", 503), (attempts[0].GetProperty("round").GetInt32(), attempts[0].GetProperty("upstream").GetString(), attempts[0].GetProperty("status").GetInt32()));
        Assert.Equal("503", attempts[0].GetProperty("error").GetString());
        Assert.Equal((1, "fallback", 200), (attempts[1].GetProperty("round").GetInt32(), attempts[1].GetProperty("upstream").GetString(), attempts[1].GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Null, attempts[1].GetProperty("error").ValueKind);
        Assert.All(attempts, attempt => Assert.True(attempt.GetProperty("duration_ms").GetDouble() >= 0));

        var chats = _spans.Where(span => span.TraceId == root.TraceId && span.DisplayName == "chat gpt-4o-mini").OrderBy(span => span.StartTimeUtc).ToList();
        Assert.Equal(2, chats.Count);
        Assert.Equal(_host.Simulators["primary"].Address.Port, chats[0].GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Error, chats[0].Status);
        Assert.Equal("503", chats[0].GetTagItem("error.type"));
        Assert.Equal(_host.Simulators["fallback"].Address.Port, chats[1].GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, chats[1].Status);
        Assert.Equal(["stop"], (string[])chats[1].GetTagItem("gen_ai.response.finish_reasons")!);
    }
}
