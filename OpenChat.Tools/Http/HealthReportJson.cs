using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenChat.Tools.Http;

/// <summary>
/// <c>/health</c> with each check's status, description and data, so an operator sees which external MCP server
/// is away. The data are server names, states and tool counts: nothing secret (no URL, header or error text).
/// </summary>
public static class HealthReportJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                data = entry.Value.Data,
            }),
        }, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
