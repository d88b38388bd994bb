using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// vLLM's OpenAI-compatible server (docs: "OpenAI-Compatible Server", extra parameters
/// <c>stream_options.continuous_usage_stats</c>; <c>protocol.py</c> serialises chunks without unset fields): a role
/// chunk <c>{"role":"assistant","content":""}</c> first, a tool call's name before its argument fragments,
/// <c>stop_reason</c> beside <c>finish_reason</c>, no fingerprint, usage as three counts, and with
/// continuous usage stats the usage so far on every chunk. Its 401 is <c>{"error":"Unauthorized"}</c>.
/// </summary>
internal sealed class VllmProfile : IProviderProfile
{
    public string Name => "vllm";

    public string KeyHeader => "Authorization";

    public string KeyScheme => "Bearer ";

    public void WriteUnauthorized(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("error"u8, "Unauthorized"u8);
        writer.WriteEndObject();
    }

    public bool SupportsLegacyFunctions => false;

    public string? ServiceTier => null;

    public string? SystemFingerprint => null;

    public bool SortsKeys => false;

    public bool Obfuscates => false;

    public bool FiltersContent => false;

    public bool WritesLogprobs => true;

    public bool WritesStopReason => true;

    public UsageOnChunks UsageOnChunks => UsageOnChunks.RunningWhenAsked;

    // vLLM's UsageInfo declares total_tokens before completion_tokens.
    public void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteEndObject();
    }

    public RoleDelivery Role => RoleDelivery.OwnChunk;

    public bool RefusalBesideRole => false;

    public bool EmptyContentBesideToolCalls => false;

    public bool EmptyContentInFinishDelta => true;

    public ToolCallDelivery ToolCalls => ToolCallDelivery.NameThenFragments;

    // DeltaToolCall declares id, type, index; a whole answer's ToolCall has no index.
    public void WriteToolCallIdentity(Utf8JsonWriter writer, int index, string id, bool streamed)
    {
        writer.WriteString("id"u8, id);
        writer.WriteString("type"u8, "function"u8);
        if (streamed)
        {
            writer.WriteNumber("index"u8, index);
        }
    }

    public bool WritesAnnotations => false;
}
