using System.Diagnostics;
using OpenChat.Testing;

namespace OpenChat.Chaos.Tests;

/// <summary>
/// The gateway under load while its dependencies fail: 200 streaming clients for a minute, while Tools is killed
/// and started again, Redis is killed and started again, and the model resets connections or fails at random.
/// </summary>
public sealed class ChaosTests
{
    private const int Clients = 200;

    /// <summary>The Api's peak resident memory (VmHWM) under this load. Measured peaks are in README's "Test it".</summary>
    private const long MaxApiPeakRssBytes = 400L * 1024 * 1024;

    /// <summary>The client library logs each lost connection as an error; while Redis is down that is expected.</summary>
    private const string RedisClientErrors = "fail: StackExchange.Redis.";

    private static readonly TimeSpan s_load = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_requestDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_transcriptDeadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 240_000)]
    public async Task Under_200_streams_while_tools_and_redis_restart_and_the_model_fails_every_response_is_well_formed_every_transcript_is_stored_and_memory_stays_bounded()
    {
        RequiredProgram.RedisServer.Require();
        var cancellationToken = TestContext.Current.CancellationToken;
        var total = Stopwatch.StartNew();
        await using var cluster = await ChaosCluster.StartAsync(timeToFirstToken: TimeSpan.FromMilliseconds(50), interTokenDelay: TimeSpan.FromMilliseconds(10));
        using var client = cluster.CreateClient(ChaosCluster.GatewayKey, maxConnections: Clients);
        using var admin = cluster.CreateClient(ChaosCluster.AdminKey, maxConnections: 16);
        var api = cluster.Api;
        var rssAtStart = api.ReadMemoryBytes("VmRSS");
        var apiCpuAtStart = api.CpuTime;
        var testCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

        var seed = Environment.TickCount;
        var load = new ChaosLoad(client, Clients, s_requestDeadline, seed);
        // Two tracks, so that a slow start of Tools does not put off Redis's turn.
        var toolsChaos = new ChaosSchedule()
            .At(TimeSpan.FromSeconds(15), "Tools killed", cluster.KillToolsAsync)
            .At(TimeSpan.FromSeconds(25), "Tools started", cluster.StartToolsAsync);
        var redisChaos = new ChaosSchedule()
            .At(TimeSpan.FromSeconds(35), "Redis killed", cluster.StopRedisAsync)
            .At(TimeSpan.FromSeconds(42), "Redis started", cluster.StartRedisAsync);
        var clock = Stopwatch.StartNew();
        using (var stopStarting = new CancellationTokenSource(s_load))
        {
            await Task.WhenAll(load.RunAsync(clock, stopStarting.Token, cancellationToken), toolsChaos.RunAsync(clock, cancellationToken), redisChaos.RunAsync(clock, cancellationToken))
                .WaitAsync(s_load + s_requestDeadline + TimeSpan.FromSeconds(10), cancellationToken);
        }

        var loadTime = clock.Elapsed;
        var rssAfterLoad = api.ReadMemoryBytes("VmRSS");
        var records = load.Records;
        var expectedStatuses = records.Where(record => record.Response.TranscriptId is not null)
            .ToDictionary(record => record.Response.TranscriptId!, record => record.Scenario.TranscriptStatus(record.Response));
        var transcripts = await new StoredTranscripts(admin).WaitForAllAsync(expectedStatuses, s_transcriptDeadline, cancellationToken);
        var resources = new ApiResources(rssAtStart, rssAfterLoad, api.ReadMemoryBytes("VmRSS"), api.ReadMemoryBytes("VmHWM"), api.CpuTime - apiCpuAtStart);
        var problems = records.Select(record => record.Problem).OfType<string>().ToList();
        var apiErrors = api.ErrorLogs.Where(error => !error.StartsWith(RedisClientErrors, StringComparison.Ordinal)).ToList();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(ChaosFigures.Format(new ChaosRun(
            Clients, loadTime, seed, [.. toolsChaos.Log, .. redisChaos.Log], records, transcripts, resources, MaxApiPeakRssBytes,
            api.ErrorLogCount, Process.GetCurrentProcess().TotalProcessorTime - testCpuAtStart, total.Elapsed)));
        output?.WriteLine(string.Join('\n', problems.Take(20).Concat(transcripts.Wrong.Take(20)).Concat(apiErrors.Take(10))));

        Assert.Empty(problems.Take(20));
        Assert.All(Enum.GetValues<ScenarioKind>(), kind => Assert.Contains(records, record => record.Scenario.Kind == kind));
        // Tools was down for a while and up the rest of the time: both must show in the answers.
        var toolAnswers = records.Where(record => record.Scenario.Kind == ScenarioKind.ServerToolCall).Select(record => ChatScenario.ToolRan(record.Response)).ToList();
        Assert.Contains(true, toolAnswers);
        Assert.Contains(false, toolAnswers);
        Assert.Empty(transcripts.Missing.Take(20));
        Assert.Empty(transcripts.Wrong.Take(20));
        Assert.Empty(apiErrors.Take(10));
        Assert.InRange(resources.PeakRss, 0, MaxApiPeakRssBytes);
    }
}
