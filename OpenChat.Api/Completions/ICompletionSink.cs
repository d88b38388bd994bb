namespace OpenChat.Api.Completions;

/// <summary>
/// Receives every finished completion. Called on the request's thread after the response is complete, so an
/// implementation must hand off anything slow (the transcript store queues; it never writes here).
/// </summary>
internal interface ICompletionSink
{
    void OnCompleted(CompletionRecord record);
}
