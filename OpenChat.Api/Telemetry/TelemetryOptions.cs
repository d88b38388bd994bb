namespace OpenChat.Api.Telemetry;

/// <summary>Bound from <c>OpenChat:Telemetry</c>.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "OpenChat:Telemetry";

    /// <summary>The <c>gen_ai.provider.name</c> of the upstream (openai, azure.ai.openai, ollama, vllm...).</summary>
    public string ProviderName { get; set; } = "openai";

    /// <summary>Record prompts, answers and tool arguments and results on spans. Off: they may hold personal data.</summary>
    public bool RecordContent { get; set; }
}
