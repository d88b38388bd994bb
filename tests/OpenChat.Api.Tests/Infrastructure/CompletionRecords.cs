using System.Text;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Transcripts;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>Completion records as the relay leaves them, for transcript tests below the HTTP layer.</summary>
internal static class CompletionRecords
{
    public static CompletionRecord Completed(string keyId, DateTimeOffset createdAt, string content = "Hello!")
    {
        var record = new CompletionRecord
        {
            Id = CompletionIds.New(createdAt),
            Caller = new GatewayCaller(keyId, IsAdmin: false),
            CreatedAt = createdAt,
            StartTimestamp = 0,
            Stream = true,
            RequestedModel = "fast",
            UpstreamModel = "gpt-4o-mini",
            ResponseModel = "gpt-4o-mini-2024-07-18",
            ResponseId = "chatcmpl-1",
            RequestMessages = """[{"role":"user","content":"What is 6*7?"}]"""u8.ToArray(),
            RequestTools = """[{"type":"function","function":{"name":"get_weather"}}]"""u8.ToArray(),
            FinishReason = "stop",
            Rounds = 2,
            TimeToFirstToken = TimeSpan.FromMilliseconds(12.5),
            Duration = TimeSpan.FromMilliseconds(250),
            Status = CompletionStatus.Completed,
            Usage = new TokenUsage(10, 5, 15),
            Content = new CappedByteBuffer(256 * 1024),
        };
        System.Buffers.BuffersExtensions.Write(record.Content, Encoding.UTF8.GetBytes(content));
        record.ToolCalls.Add(new ToolCallRecord(1, "call_1", "calculate", """{"expression":"6*7"}""", IsServer: true,
            """{"result":"42"}""", ToolOutcome.Ok, TimeSpan.FromMilliseconds(3)));
        return record;
    }

    /// <summary>The record of a request as the chat endpoint starts it, before anything is asked of an upstream.</summary>
    public static CompletionRecord Started(ChatRequest request, string keyId, DateTimeOffset createdAt) => new()
    {
        Id = CompletionIds.New(createdAt),
        Caller = new GatewayCaller(keyId, IsAdmin: false),
        CreatedAt = createdAt,
        StartTimestamp = 0,
        Stream = request.Stream,
        RequestedModel = request.Model,
        UpstreamModel = request.Model,
        RequestMessages = request.RawMemory(request.Messages),
        RequestTools = request.Tools is { } tools ? request.RawMemory(tools) : default,
        Content = new CappedByteBuffer(256 * 1024),
    };

    /// <summary>The record as the transcript sink queues it.</summary>
    public static QueuedTranscript Queued(CompletionRecord record) =>
        new(record.Id, record.Caller.KeyId, record.TraceContext, TranscriptJson.Serialize(record, 1024 * 1024).Json);
}
