using System.Runtime.InteropServices;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Redis;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Api.Transcripts;
using StackExchange.Redis;

namespace OpenChat.Api.Tests.Transcripts;

/// <summary>
/// Whatever the request parser accepts is stored as a transcript in a real Garnet and comes back as it was sent.
/// A failure prints its seed; <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class RequestTranscriptPropertyTests(GarnetFixture fixture) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private static readonly JsonDocumentOptions s_transcriptOptions = new() { MaxDepth = JsonLimits.MaxTranscriptDepth };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private ConnectionMultiplexer _redis = null!;
    private TranscriptStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(fixture.Server.ConnectionString);
        var options = Options.Create(new TranscriptOptions { Retention = TimeSpan.FromDays(30), KeyPrefix = $"test:{Guid.NewGuid():N}:" });
        _store = new TranscriptStore(new RedisConnection(() => _redis), new TranscriptKeys(options), options, _time);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Stores_the_messages_of_every_accepted_request_and_keeps_the_newest_when_the_budget_is_short()
    {
        // The smallest budget the options allow, a middling one and the default.
        var budgets = Gen.OneOf(16 * 1024, 64 * 1024, 1024 * 1024);

        await Gen.Select(Gen.Frequency((3, ChatRequestTexts.Accepted), (1, ChatRequestTexts.Any)), budgets).SampleAsync(async (text, maxBytes) =>
        {
            using var request = TryParse(text);
            if (request is null)
            {
                return;
            }

            var keyId = $"key_{Guid.NewGuid():N}";
            var record = CompletionRecords.Started(request, keyId, _time.GetUtcNow());
            var serialized = TranscriptJson.Serialize(record, maxBytes);
            using var json = serialized.Json;
            var truncated = serialized.Truncated;
            Assert.InRange(json.Length, 1, maxBytes);

            await _store.WriteAsync([new QueuedTranscript(record.Id, keyId, default, json)]);
            var stored = await _store.GetAsync(record.Id);

            Assert.NotNull(stored);
            Assert.Equal(keyId, stored.KeyId);
            using var transcript = JsonDocument.Parse(stored.Json, s_transcriptOptions);
            var sent = request.Messages.EnumerateArray().Select(Raw).ToList();
            var kept = transcript.RootElement.GetProperty("messages").EnumerateArray().Select(Raw).ToList();
            var omitted = transcript.RootElement.TryGetProperty("messages_omitted", out var count) ? count.GetInt32() : 0;
            Assert.Equal(sent.Count - kept.Count, omitted);
            Assert.Equal(sent[omitted..], kept);

            var toolsOmitted = transcript.RootElement.TryGetProperty("tools_omitted", out _);
            if (request.Tools is { } tools && !toolsOmitted)
            {
                Assert.Equal(Raw(tools), Raw(transcript.RootElement.GetProperty("tools")));
            }

            Assert.Equal(omitted > 0 || toolsOmitted, truncated);

            var page = await _store.ListAsync(keyId, before: null, limit: 10);
            Assert.Equal([record.Id], page.Transcripts.Select(t => t.Id));
            Assert.Equal(json.WrittenSpan.ToArray(), page.Transcripts[0].Json);

            Assert.True(await _store.DeleteAsync(stored));
            Assert.Null(await _store.GetAsync(record.Id));
            Assert.Empty((await _store.ListAsync(keyId, before: null, limit: 10)).Transcripts);
        }, iter: 150, print: t => $"request {t.Item1}, budget {t.Item2}");
    }

    private static ChatRequest? TryParse(string text)
    {
        try
        {
            return ParsedRequests.Parse(text);
        }
        catch (ApiErrorException)
        {
            return null;
        }
    }

    private static string Raw(JsonElement element) => Printable.Bytes(JsonMarshal.GetRawUtf8Value(element));
}
