using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;

namespace OpenChat.Api.Tests.Tools;

/// <summary>The executor's bounds, against a Tools service the test holds each call of.</summary>
public sealed class ServerToolExecutorTests : IDisposable
{
    private readonly HeldToolsService _tools = new();
    private readonly ServiceProvider _services;

    public ServerToolExecutorTests()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddHttpClient(ToolsServiceClient.HttpClientName, http => http.BaseAddress = new Uri("http://tools/"))
            .ConfigurePrimaryHttpMessageHandler(() => _tools);
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Runs_no_more_calls_at_once_than_the_limit_and_every_call_in_the_end()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var executor = Executor(new ServerToolOptions { MaxParallelCalls = 2, MaxCallsPerTurn = 6 });

        var running = executor.ExecuteAsync(Calls(6), cancellationToken);
        for (var released = 0; released < 6; released++)
        {
            // Two calls are in hand before any is let go: the limit is reached, never passed.
            await _tools.ArrivedAsync(Math.Min(released + 2, 6), cancellationToken);
            _tools.ReleaseOne();
        }

        var results = await running;

        Assert.Equal(2, _tools.MostAtOnce);
        Assert.All(results, result => Assert.Equal(ToolOutcome.Ok, result.Outcome));
    }

    [Fact]
    public async Task Answers_a_result_larger_than_the_limit_as_a_tool_error_without_holding_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var executor = Executor(new ServerToolOptions { MaxResultBytes = 1024 });
        _tools.ResultLength = 4096;

        var running = executor.ExecuteAsync(Calls(1), cancellationToken);
        _tools.ReleaseOne();
        var result = Assert.Single(await running);

        Assert.Equal(ToolOutcome.LimitExceeded, result.Outcome);
        Assert.Contains("1024 bytes", result.Content, StringComparison.Ordinal);
    }

    private ServerToolExecutor Executor(ServerToolOptions options)
    {
        var client = new ToolsServiceClient(_services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System);
        var telemetry = Options.Create(new TelemetryOptions());
        var instrumentation = new GenAiInstrumentation(new GenAiMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), telemetry, TimeProvider.System);
        return new ServerToolExecutor(client, instrumentation, Options.Create(options), NullLogger<ServerToolExecutor>.Instance);
    }

    private static List<AccumulatedToolCall> Calls(int count) => [.. Enumerable.Range(0, count).Select(i =>
    {
        var call = new AccumulatedToolCall(i, isServer: true, clientIndex: -1, isLegacy: false, maxArgumentBytes: 1024) { Id = $"call_{i}", Name = "calculate" };
        System.Buffers.BuffersExtensions.Write(call.ArgumentsWriter, "{}"u8);
        return call;
    })];

    /// <summary>Answers each invocation only when the test lets one go, and remembers how many it held at once.</summary>
    private sealed class HeldToolsService : HttpMessageHandler
    {
        private readonly Channel<bool> _releases = Channel.CreateUnbounded<bool>();
        private readonly Channel<int> _arrivals = Channel.CreateUnbounded<int>();
        private int _arrived;
        private int _held;
        private int _mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int ResultLength { get; set; } = 10;

        public void ReleaseOne() => _releases.Writer.TryWrite(true);

        public async Task ArrivedAsync(int count, CancellationToken cancellationToken)
        {
            while (Volatile.Read(ref _arrived) < count)
            {
                await _arrivals.Reader.ReadAsync(cancellationToken);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var held = Interlocked.Increment(ref _held);
            InterlockedMax(ref _mostAtOnce, held);
            _arrivals.Writer.TryWrite(Interlocked.Increment(ref _arrived));
            try
            {
                await _releases.Reader.ReadAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }

            var json = $$"""{"result":"{{new string('4', ResultLength)}}"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
