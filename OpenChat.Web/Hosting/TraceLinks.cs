using Microsoft.Extensions.Options;

namespace OpenChat.Web.Hosting;

/// <summary>Links from a trace id into the Aspire dashboard's trace view, when <c>OpenChat:Web:DashboardUrl</c> is set.</summary>
internal sealed class TraceLinks(IOptions<WebConsoleOptions> options)
{
    public string? For(string? traceId) =>
        options.Value.DashboardUrl is { } dashboard && !string.IsNullOrEmpty(traceId)
            ? new Uri(dashboard, $"traces/detail/{Uri.EscapeDataString(traceId)}").ToString()
            : null;
}
