namespace OpenChat.Api.Completions;

/// <summary>
/// Receives every finished completion. Called on the request's thread after the response is complete and before
/// the request's memory is released: the record's request messages and tools point into that memory, so an
/// implementation takes what it keeps during the call, and hands off anything slow (the transcript sink
/// serializes and queues; it never writes to Redis here).
/// </summary>
internal interface ICompletionSink
{
    void OnCompleted(CompletionRecord record);
}
