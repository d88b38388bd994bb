using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// Ollama's <c>/v1/chat/completions</c> (docs/api/openai-compatibility.mdx; its <c>openai</c> package writes the
/// chunks): the role in every delta, <c>system_fingerprint: "fp_ollama"</c>, no <c>logprobs</c>, a tool call whole in
/// one delta, a finish delta of <c>{"role":"assistant","content":""}</c>, and usage as three counts on a last
/// chunk with <c>"choices": []</c> only when <c>stream_options.include_usage</c> is set. Legacy
/// <c>functions</c> are not among its supported fields.
/// </summary>
internal sealed class OllamaProfile : IProviderProfile
{
    public string Name => "ollama";

    public string KeyHeader => "Authorization";

    public string KeyScheme => "Bearer ";

    public void WriteUnauthorized(Utf8JsonWriter writer) => OpenAIErrorBody.WriteInvalidApiKey(writer);

    public bool SupportsLegacyFunctions => false;

    public string? ServiceTier => null;

    public string? SystemFingerprint => "fp_ollama";

    public bool SortsKeys => false;

    public bool Obfuscates => false;

    public bool FiltersContent => false;

    public bool WritesLogprobs => false;

    public bool WritesStopReason => false;

    public UsageOnChunks UsageOnChunks => UsageOnChunks.Absent;

    public void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteEndObject();
    }

    public RoleDelivery Role => RoleDelivery.EveryDelta;

    public bool RefusalBesideRole => false;

    public bool EmptyContentBesideToolCalls => true;

    public bool EmptyContentInFinishDelta => true;

    public ToolCallDelivery ToolCalls => ToolCallDelivery.Whole;

    // Ollama's ToolCall struct is the same in chunks and whole answers: id, index, type, function.
    public void WriteToolCallIdentity(Utf8JsonWriter writer, int index, string id, bool streamed)
    {
        writer.WriteString("id"u8, id);
        writer.WriteNumber("index"u8, index);
        writer.WriteString("type"u8, "function"u8);
    }

    public bool WritesAnnotations => false;
}
