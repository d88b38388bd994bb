namespace OpenChat.Api.Completions;

/// <summary>
/// Decides, before anything goes upstream, whether a caller may have this completion now: the model, the rate
/// limits, a concurrency slot and the budget. The relay asks it once per request.
/// </summary>
internal interface ICompletionAdmission
{
    ValueTask<CompletionAdmission> AdmitAsync(GatewayCaller caller, ChatRequest request, string upstreamModel, CancellationToken cancellationToken);
}
