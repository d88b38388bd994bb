using OpenChat.Api.Completions;

namespace OpenChat.Api.Transcripts;

/// <summary>Hands each finished completion to the queue; the relay has let go of the record by then.</summary>
internal sealed class TranscriptSink(TranscriptQueue queue) : ICompletionSink
{
    public void OnCompleted(CompletionRecord record) => queue.Enqueue(record);
}
