using System.Text.Json;

namespace OpenChat.ModelSimulator.Profiles;

/// <summary>
/// OpenAI's own stream (API reference: "The chat completion chunk object", <c>stream_options</c>): the role
/// alone before content, or with the first tool call; <c>service_tier</c>, <c>system_fingerprint</c>,
/// <c>obfuscation</c>, <c>"usage": null</c> on every chunk when usage is asked for.
/// </summary>
internal sealed class OpenAIProfile : IProviderProfile
{
    public string Name => "openai";

    public string KeyHeader => "Authorization";

    public string KeyScheme => "Bearer ";

    public void WriteUnauthorized(Utf8JsonWriter writer) => OpenAIErrorBody.WriteInvalidApiKey(writer);

    public bool SupportsLegacyFunctions => true;

    public string? ServiceTier => "default";

    public string? SystemFingerprint => "fp_simulator";

    public bool SortsKeys => false;

    public bool Obfuscates => true;

    public bool FiltersContent => false;

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
