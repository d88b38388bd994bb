namespace OpenChat.Api.Upstream;

/// <summary>The model names clients may use; bound from <c>OpenChat:Relay</c>, where they have always been configured.</summary>
internal sealed class ModelOptions
{
    public const string SectionName = "OpenChat:Relay";

    /// <summary>The model used when a request names none.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Names clients may use for upstream models, for example <c>"fast": "gpt-4o-mini"</c>.</summary>
    public Dictionary<string, string> ModelAliases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether model names that are not aliases pass through to the upstream as they are.</summary>
    public bool AllowUnlistedModels { get; set; } = true;
}
