using OpenChat.Api.Tools;

namespace OpenChat.Api.Relay;

/// <summary>What one round's upstream body changes in the client's request.</summary>
internal sealed record UpstreamBodyPlan(
    string Model,
    ServerToolSet ServerTools,
    IReadOnlyList<byte[]> AppendedMessages,
    bool RequestUsage,
    bool ForbidToolCalls);
