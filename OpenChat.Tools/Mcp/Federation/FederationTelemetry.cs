using System.Diagnostics;

namespace OpenChat.Tools.Mcp.Federation;

/// <summary>
/// The <c>OpenChat.Tools</c> ActivitySource (ServiceDefaults collects every <c>OpenChat.*</c> source): one client
/// span per call to an external server, named as the MCP semantic conventions name it (<c>tools/call {tool}</c>). The
/// HTTP request it makes carries the span's context, so the trace goes on into the external server.
/// </summary>
internal static class FederationTelemetry
{
    public const string SourceName = "OpenChat.Tools";
    public const string ServerAttribute = "openchat.mcp.server";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartCall(string server, Uri endpoint, string toolName)
    {
        var activity = Source.StartActivity($"tools/call {toolName}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("mcp.method.name", "tools/call");
            activity.SetTag("gen_ai.tool.name", toolName);
            activity.SetTag(ServerAttribute, server);
            activity.SetTag("server.address", endpoint.Host);
            activity.SetTag("server.port", endpoint.Port);
        }

        return activity;
    }

    public static void Failed(Activity? activity, string errorType)
    {
        activity?.SetStatus(ActivityStatusCode.Error);
        activity?.SetTag("error.type", errorType);
    }
}
