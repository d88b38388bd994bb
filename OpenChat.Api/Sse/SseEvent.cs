namespace OpenChat.Api.Sse;

/// <summary>One parsed event: its <c>data</c> (lines joined by <c>\n</c>) and its <c>event</c> name, if any.</summary>
internal readonly ref struct SseEvent(ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, bool hasData)
{
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>The <c>event:</c> field; empty for the default <c>message</c> events OpenAI sends.</summary>
    public ReadOnlySpan<byte> Name { get; } = name;

    /// <summary>False for events with no <c>data</c> field, such as keep-alive comments, which carry nothing to relay.</summary>
    public bool HasData { get; } = hasData;

    public bool IsDone => Data.SequenceEqual("[DONE]"u8);
}
