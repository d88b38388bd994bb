using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Tools;

/// <summary>The HTTP contract of OpenChat.Tools: <c>GET /tools</c> and <c>POST /tools/{name}/invoke</c>.</summary>
internal sealed class ToolsServiceClient(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    public const string HttpClientName = "tools";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public async Task<ServerToolSet> GetCatalogAsync(CancellationToken cancellationToken)
    {
        using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync("tools", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);

        var tools = new List<ServerToolDefinition>();
        foreach (var tool in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var function = tool.GetProperty("function");
            tools.Add(new ServerToolDefinition(
                function.GetProperty("name").GetString()!,
                JsonMarshal.GetRawUtf8Value(tool).ToArray(),
                JsonMarshal.GetRawUtf8Value(function).ToArray()));
        }

        return new ServerToolSet(tools);
    }

    /// <summary>
    /// Runs one call. Every way it can go wrong becomes an outcome and a short message the model can read;
    /// only the caller's own cancellation escapes as an exception.
    /// </summary>
    public async Task<ToolResult> InvokeAsync(string name, string arguments, TimeSpan timeout, int maxResultBytes, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new StringContent(arguments.Length == 0 ? "{}" : arguments);
            content.Headers.ContentType = s_json;
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"tools/{Uri.EscapeDataString(name)}/invoke") { Content = content };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var body = await ReadBoundedAsync(response.Content, maxResultBytes, timeoutSource.Token);
            return body is null
                ? ToolResult.Failed(ToolOutcome.LimitExceeded, $"The tool '{name}' answered with more than the gateway accepts ({maxResultBytes} bytes).", Elapsed(started))
                : Interpret(response.StatusCode, body, Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Failed(ToolOutcome.Timeout, $"The tool '{name}' did not answer within {timeout.TotalSeconds:0.#} seconds.", Elapsed(started));
        }
        catch (HttpRequestException)
        {
            return ToolResult.Failed(ToolOutcome.Unavailable, $"The tool service is unavailable, so '{name}' could not run.", Elapsed(started));
        }
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>; never more than that is held.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    private static ToolResult Interpret(HttpStatusCode status, byte[] body, TimeSpan duration)
    {
        if (status == HttpStatusCode.OK && TryGetProperty(body, "result", out var result))
        {
            return new ToolResult(ToolOutcome.Ok, result, duration, Error: null);
        }

        var message = OpenAiErrorReader.TryRead(body)?.Message ?? $"The tool service answered {(int)status}.";
        var outcome = status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge => ToolOutcome.InvalidArguments,
            HttpStatusCode.NotFound => ToolOutcome.NotFound,
            HttpStatusCode.UnprocessableEntity => ToolOutcome.ToolError,
            _ => ToolOutcome.Failed,
        };
        return ToolResult.Failed(outcome, message, duration);
    }

    private static bool TryGetProperty(byte[] body, string name, out string rawJson)
    {
        rawJson = "";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value))
            {
                rawJson = value.GetRawText();
                return true;
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON is reported by its status instead.
        }

        return false;
    }

    private TimeSpan Elapsed(long started) => timeProvider.GetElapsedTime(started);
}
