using OpenChat.Testing;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Tests.Infrastructure;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenChat.Api.Tests.Telemetry;

/// <summary>
/// The spans and metrics of one streamed completion with a server tool call, as the Api's OpenTelemetry
/// pipeline (the one ServiceDefaults sets up) exports them.
/// </summary>
public sealed class CompletionTelemetryTests : IAsyncLifetime
{
    private const string Model = "telemetry-model";

    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<Metric> _metrics = new();
    private readonly GarnetTestServer _garnet = new();
    private ApiTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.StartWithTools(
            simulator: new Dictionary<string, string?> { ["Simulator:Models:0"] = Model },
            redis: _garnet.ConnectionString,
            configureApi: services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task A_completion_with_a_tool_call_is_one_trace_with_genai_spans_and_metrics()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // The client's own span starts the trace; everything the request causes must join it.
        using var root = new Activity("telemetry test") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        var traceId = root.TraceId;
        using var written = _host.TranscriptsWritten();
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(SseClient.ChatJson("#sim {\"tool_calls\":[{\"name\":\"calculate\",\"arguments\":{\"expression\":\"6*7\"}}]}", model: Model),
                System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        await written.WaitForTotalAsync(1, TimeSpan.FromSeconds(60), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _host.Api.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _host.Api.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var trace = _spans.Where(span => span.TraceId == traceId).ToList();
        var chats = trace.Where(span => span.DisplayName == $"chat {Model}").ToList();
        Assert.Equal(2, chats.Count);
        Assert.All(chats, chat =>
        {
            Assert.Equal(ActivityKind.Client, chat.Kind);
            Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
            Assert.Equal("openai", chat.GetTagItem("gen_ai.provider.name"));
            Assert.Equal(Model, chat.GetTagItem("gen_ai.request.model"));
            Assert.Equal(Model, chat.GetTagItem("gen_ai.response.model"));
            Assert.StartsWith("chatcmpl-sim", (string)chat.GetTagItem("gen_ai.response.id")!, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", chat.GetTagItem("server.address"));
            Assert.True((long)chat.GetTagItem("gen_ai.usage.input_tokens")! > 0);
            Assert.True((long)chat.GetTagItem("gen_ai.usage.output_tokens")! > 0);
            Assert.Null(chat.GetTagItem("gen_ai.input.messages"));
            Assert.Contains(trace, span => span.ParentSpanId == chat.SpanId && span.Kind == ActivityKind.Client && span.OperationName.StartsWith("System.Net.Http", StringComparison.Ordinal));
        });
        Assert.Equal([["tool_calls"], ["stop"]], chats.OrderBy(c => c.StartTimeUtc).Select(c => (string[])c.GetTagItem("gen_ai.response.finish_reasons")!));

        var tool = Assert.Single(trace, span => span.DisplayName == "execute_tool calculate");
        Assert.Equal("execute_tool", tool.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("calculate", tool.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("call_sim1_0", tool.GetTagItem("gen_ai.tool.call.id"));
        Assert.Null(tool.GetTagItem("gen_ai.tool.call.arguments"));

        // The trace runs from the client's request through the Api to the simulator, to Tools and to the transcript write.
        var clientCall = Assert.Single(trace, span => span.ParentSpanId == root.SpanId);
        var server = Assert.Single(trace, span => span.Kind == ActivityKind.Server && span.ParentSpanId == clientCall.SpanId);
        Assert.All(chats.Append(tool), span => Assert.Equal(server.SpanId, span.ParentSpanId));
        Assert.Contains(trace, span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == "/tools/calculate/invoke");
        Assert.Equal(2, trace.Count(span => span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == "/v1/chat/completions" && span != server));
        Assert.Equal(server.SpanId, Assert.Single(trace, span => span.DisplayName == "write transcript").ParentSpanId);

        var tokens = Points("gen_ai.client.token.usage").Where(point => Tag(point, "gen_ai.request.model") == Model).ToList();
        Assert.Equal(["input", "output"], tokens.Select(point => Tag(point, "gen_ai.token.type")).Order());
        Assert.All(tokens, point => Assert.Equal(2, point.GetHistogramCount()));
        Assert.Equal(2, Points("gen_ai.client.operation.duration").Where(point => Tag(point, "gen_ai.request.model") == Model).Sum(point => point.GetHistogramCount()));
        Assert.Contains(Points("openchat.completion.time_to_first_token"), point => Tag(point, "gen_ai.request.model") == Model);
        Assert.Contains(Points("openchat.tool.call.duration"), point => Tag(point, "gen_ai.tool.name") == "calculate" && Tag(point, "openchat.tool.outcome") == "ok");
        Assert.Contains(_metrics, metric => metric.Name == "openchat.completion.active_streams");
        Assert.Contains(_metrics, metric => metric.Name == "openchat.transcripts.queue.depth");
    }

    private List<MetricPoint> Points(string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(metric => metric.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
