using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// Azure OpenAI (REST reference 2024-10-21: <c>createChatCompletionStreamResponse</c>,
/// <c>promptFilterResults</c>, <c>contentFilterChoiceResults</c>, the <c>api-key</c> security scheme): OpenAI's
/// stream after a first chunk of prompt filter results, filter results on every choice, keys in ordinal
/// order, no <c>service_tier</c> and no <c>obfuscation</c> (neither is in that reference).
/// </summary>
internal sealed class AzureOpenAIProfile : IProviderProfile
{
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

    public bool SupportsLegacyFunctions => true;

    public string? ServiceTier => null;

    public string? SystemFingerprint => "fp_simulator";

    public bool SortsKeys => true;

    public bool Obfuscates => false;

    public bool FiltersContent => true;

    public bool WritesLogprobs => true;

    public bool WritesStopReason => false;

    public UsageOnChunks UsageOnChunks => UsageOnChunks.Null;

    public void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens) =>
        DetailedUsage.Write(writer, promptTokens, completionTokens);

    public RoleDelivery Role => RoleDelivery.OwnChunkUnlessToolCalls;

    public bool RefusalBesideRole => true;

    public bool EmptyContentBesideToolCalls => false;

    public bool EmptyContentInFinishDelta => false;

    public ToolCallDelivery ToolCalls => ToolCallDelivery.NameWithEmptyArgumentsThenFragments;

    // Written in OpenAI's order; the key sort puts them in Azure's.
    public void WriteToolCallIdentity(Utf8JsonWriter writer, int index, string id, bool streamed)
    {
        if (streamed)
        {
            writer.WriteNumber("index"u8, index);
        }

        writer.WriteString("id"u8, id);
        writer.WriteString("type"u8, "function"u8);
    }

    public bool WritesAnnotations => true;
}
