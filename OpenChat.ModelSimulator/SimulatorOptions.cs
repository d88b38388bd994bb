namespace OpenChat.ModelSimulator;

/// <summary>How the simulated model behaves; bound from the <c>Simulator</c> section.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The models it answers for; others get OpenAI's 404 <c>model_not_found</c>.</summary>
    public List<string> Models { get; set; } = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"];

    /// <summary>The wait before the first content or tool-call chunk, as a real model thinks before it speaks.</summary>
    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The wait between two chunks.</summary>
    public TimeSpan InterTokenDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The provider whose wire format answers take unless a script names another: <c>openai</c>, <c>azure</c>,
    /// <c>ollama</c> or <c>vllm</c>.
    /// </summary>
    public string Profile { get; set; } = Profiles.ProviderProfiles.Default;

    /// <summary>When set, requests must carry this key where the profile's provider expects it (<c>Authorization: Bearer</c>, Azure's <c>api-key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// This instance's name, for scripts that make only some of several simulators fail (the script's
    /// <c>fail_on</c>): a gateway's fallback from one upstream to another is tested with one request.
    /// </summary>
    public string Name { get; set; } = "simulator";

    /// <summary>How many requests the journal keeps.</summary>
    public int JournalCapacity { get; set; } = 1000;
}
