namespace OpenChat.Api.Relay;

/// <summary>
/// Receives every finished completion. Called on the request's thread after the response is complete, so an
/// implementation must hand off anything slow (the transcript store queues; it never writes here).
/// </summary>
public interface ICompletionSink
{
    void OnCompleted(CompletionRecord record);
}
