using System.Globalization;
using System.Text;

namespace OpenChat.Chaos.Tests;

/// <summary>The Api's memory and CPU over the run, from <c>/proc</c>.</summary>
internal sealed record ApiResources(long RssAtStart, long RssAfterLoad, long RssAfterDrain, long PeakRss, TimeSpan CpuTime);

/// <summary>What one chaos run did and measured.</summary>
internal sealed record ChaosRun(
    int Clients, TimeSpan Load, int Seed, IReadOnlyList<string> Chaos, IReadOnlyCollection<RequestRecord> Records,
    TranscriptCheck Transcripts, ApiResources Api, long PeakRssBound, int ApiErrorLogs, TimeSpan TestProcessCpuTime, TimeSpan Total);

/// <summary>The figures of one chaos run, as the test prints them.</summary>
internal static class ChaosFigures
{
    public static string Format(ChaosRun run)
    {
        var (clients, load, seed, chaos, records, transcripts, api, peakRssBound, apiErrorLogs, testCpu, total) = run;
        var text = new StringBuilder();
        Line(text, $"Load: {clients} streaming clients for {load.TotalSeconds:0.0} s (seed {seed}); {string.Join("; ", chaos)}");
        Line(text, $"Requests: {records.Count:N0} ({Counts(records.GroupBy(record => record.Scenario.Kind.ToString()))})");
        Line(text, $"Outcomes: {Counts(records.GroupBy(record => record.Response.Outcome))}");
        var streams = records.Where(record => record.Response.End is ResponseEnd.Done or ResponseEnd.ErrorEvent).ToList();
        Line(text, $"Streams: {streams.Count:N0}, of which {streams.Count(record => record.Response.End == ResponseEnd.Done):N0} completed with [DONE]");
        var toolCalls = records.Where(record => record.Scenario.Kind == ScenarioKind.ServerToolCall && record.Response.End == ResponseEnd.Done).ToList();
        Line(text, $"Server tool calls answered: {toolCalls.Count:N0}, with the tool's result {toolCalls.Count(record => ChatScenario.ToolRan(record.Response)):N0}, with a tool error {toolCalls.Count(record => !ChatScenario.ToolRan(record.Response)):N0}");
        Line(text, $"Problems: {records.Count(record => record.Problem is not null):N0}");
        Line(text, $"Transcripts: expected {transcripts.Stored + transcripts.Missing.Count:N0}, stored {transcripts.Stored:N0}, missing {transcripts.Missing.Count:N0}, wrong status {transcripts.Wrong.Count:N0} (all read back {transcripts.Waited.TotalSeconds:0.0} s after the load)");
        Line(text, $"Api memory: RSS {Megabytes(api.RssAtStart)} at start, {Megabytes(api.RssAfterLoad)} after the load, {Megabytes(api.RssAfterDrain)} after the transcripts were read back; peak {Megabytes(api.PeakRss)} (VmHWM; bound {Megabytes(peakRssBound)})");
        Line(text, $"CPU time over the load and the read-back: Api {api.CpuTime.TotalSeconds:0.0} s, this test process (clients, checks, simulator) {testCpu.TotalSeconds:0.0} s");
        Line(text, $"Api errors logged: {apiErrorLogs} (the Redis client's included)");
        Line(text, $"Test duration: {total.TotalSeconds:0.0} s, start-up included");
        return text.ToString();
    }

    private static string Counts(IEnumerable<IGrouping<string, RequestRecord>> groups) =>
        string.Join(", ", groups.OrderByDescending(group => group.Count()).Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count():N0}")));

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0} MiB");

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
