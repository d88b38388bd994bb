using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// What one provider's OpenAI-compatible Chat Completions endpoint does its own way: which fields a chunk
/// carries and in what order, where the role is announced, how tool calls arrive, how usage is reported,
/// and how the key is presented. <see cref="Chat.CompletionJsonWriter"/> asks these questions and never
/// branches on a provider's name; README.md says where in each provider's documentation every answer comes from.
/// </summary>
public interface IProviderProfile
{
    /// <summary>The name <c>Simulator:Profile</c> and the script's <c>profile</c> field use.</summary>
    string Name { get; }

    /// <summary>The header that carries the key, such as <c>Authorization</c> or Azure's <c>api-key</c>.</summary>
    string KeyHeader { get; }

    /// <summary>What precedes the key in that header, such as <c>Bearer </c>.</summary>
    string KeyScheme { get; }

    /// <summary>The body of the 401 the provider answers a missing or wrong key with.</summary>
    void WriteUnauthorized(Utf8JsonWriter writer);

    /// <summary>Whether legacy <c>functions</c> are offered to the model; where they are not, it answers in words.</summary>
    bool SupportsLegacyFunctions { get; }

    /// <summary><c>service_tier</c> on every chunk and answer, or null for none.</summary>
    string? ServiceTier { get; }

    /// <summary><c>system_fingerprint</c> on every chunk and answer, or null for none.</summary>
    string? SystemFingerprint { get; }

    /// <summary>Every object's keys in ordinal order, as Azure's serializer writes them (the filter results excepted).</summary>
    bool SortsKeys { get; }

    /// <summary>An <c>obfuscation</c> padding field on every chunk unless <c>stream_options.include_obfuscation</c> is false.</summary>
    bool Obfuscates { get; }

    /// <summary>Azure's content filter: <c>prompt_filter_results</c> first, <c>content_filter_results</c> on every choice.</summary>
    bool FiltersContent { get; }

    /// <summary><c>"logprobs": null</c> on every choice.</summary>
    bool WritesLogprobs { get; }

    /// <summary>vLLM's <c>stop_reason</c> beside a <c>finish_reason</c>.</summary>
    bool WritesStopReason { get; }

    /// <summary>What chunks other than the usage chunk carry in <c>usage</c> when usage was asked for.</summary>
    UsageOnChunks UsageOnChunks { get; }

    /// <summary>The <c>usage</c> object, with the fields the provider reports, in its order.</summary>
    void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens);

    /// <summary>Where the stream announces <c>"role": "assistant"</c>.</summary>
    RoleDelivery Role { get; }

    /// <summary><c>"refusal": null</c> in the delta (and message) that carries the role.</summary>
    bool RefusalBesideRole { get; }

    /// <summary>Content beside tool calls in a delta or message that carries the role: <c>""</c> if true, else null.</summary>
    bool EmptyContentBesideToolCalls { get; }

    /// <summary><c>"content": ""</c> in the delta of the finish chunk, rather than an empty delta.</summary>
    bool EmptyContentInFinishDelta { get; }

    /// <summary>How a tool call is cut into deltas.</summary>
    ToolCallDelivery ToolCalls { get; }

    /// <summary>A tool call's <c>index</c> (streamed only, unless the provider repeats it in whole answers), <c>id</c> and <c>type</c>, in the provider's order.</summary>
    void WriteToolCallIdentity(Utf8JsonWriter writer, int index, string id, bool streamed);

    /// <summary><c>"annotations": []</c> in the message of a whole answer.</summary>
    bool WritesAnnotations { get; }
}
