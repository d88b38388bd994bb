using System.Diagnostics;

namespace OpenChat.Api.Telemetry;

/// <summary>The Api's ActivitySource and Meter name; ServiceDefaults collects every <c>OpenChat.*</c> source.</summary>
internal static class OpenChatTelemetry
{
    public const string Name = "OpenChat.Api";

    public static readonly ActivitySource ActivitySource = new(Name);
}
