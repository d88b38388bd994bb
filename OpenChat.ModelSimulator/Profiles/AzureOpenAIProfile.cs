using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// Azure OpenAI (REST reference 2024-10-21: <c>createChatCompletionStreamResponse</c>,
/// <c>promptFilterResults</c>, <c>contentFilterChoiceResults</c>, the <c>api-key</c> security scheme): it serves
/// OpenAI's models, so its deltas are OpenAI's, after a first chunk of prompt filter results, with filter
/// results on every choice, keys in ordinal order, and no <c>service_tier</c> or <c>obfuscation</c> (neither
/// is in that reference).
/// </summary>
internal sealed class AzureOpenAIProfile : IProviderProfile
{
    private static readonly OpenAIProfile s_openAI = new();

    public string Name => "azure";

    public string KeyHeader => "api-key";

    public string KeyScheme => "";

    // Azure's gateway answers a wrong key with code and message only, not OpenAI's four fields.
    public void WriteUnauthorized(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("code"u8, "401"u8);
        writer.WriteString("message"u8,
            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public bool SupportsLegacyFunctions => s_openAI.SupportsLegacyFunctions;

    public string? ServiceTier => null;

    public string? SystemFingerprint => s_openAI.SystemFingerprint;

    public bool SortsKeys => true;

    public bool Obfuscates => false;

    public bool FiltersContent => true;

    public bool WritesLogprobs => s_openAI.WritesLogprobs;

    public bool WritesStopReason => s_openAI.WritesStopReason;

    public UsageOnChunks UsageOnChunks => s_openAI.UsageOnChunks;

    public void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens) => s_openAI.WriteUsage(writer, promptTokens, completionTokens);

    public RoleDelivery Role => s_openAI.Role;

    public bool RefusalBesideRole => s_openAI.RefusalBesideRole;

    public bool EmptyContentBesideToolCalls => s_openAI.EmptyContentBesideToolCalls;

    public bool EmptyContentInFinishDelta => s_openAI.EmptyContentInFinishDelta;

    public ToolCallDelivery ToolCalls => s_openAI.ToolCalls;

    // Written in OpenAI's order; the key sort puts them in Azure's.
    public void WriteToolCallIdentity(Utf8JsonWriter writer, int index, string id, bool streamed) =>
        s_openAI.WriteToolCallIdentity(writer, index, id, streamed);

    public bool WritesAnnotations => s_openAI.WritesAnnotations;
}
