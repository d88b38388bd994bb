namespace OpenChat.Api.Completions;

/// <summary>
/// What a key may do: the models it may use (null: all) and its limits. A null limit means the deployment's
/// default for that limit (<c>OpenChat:Governance</c>), which may be no limit at all.
/// </summary>
internal sealed record CallerPolicy(
    IReadOnlySet<string>? Models = null,
    long? RequestsPerMinute = null,
    long? TokensPerMinute = null,
    int? MaxConcurrentStreams = null,
    CallerBudget? Budget = null)
{
    /// <summary>A key with no limits of its own: the defaults apply.</summary>
    public static readonly CallerPolicy Defaults = new();

    /// <summary>Whether the key may use the model, under the name the client used or the name sent upstream.</summary>
    public bool Allows(string? requestedModel, string upstreamModel) =>
        Models is null || Models.Contains(upstreamModel) || (requestedModel is not null && Models.Contains(requestedModel));
}
