using System.Diagnostics;
using OpenChat.Api.Buffers;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// A transcript ready to store: its JSON, serialized when the completion ended, and what the writer needs beside it.
/// The JSON's array is pooled: whoever stores the transcript or gives it up disposes it, unless Redis may still
/// be sending it.
/// </summary>
internal sealed record QueuedTranscript(string Id, string KeyId, ActivityContext TraceContext, PooledByteBuffer Json)
{
    /// <summary>The memory it holds, as the queue's bound counts it: the pooled array, which may be longer than the JSON.</summary>
    public int Size { get; } = Json.Capacity;
}
