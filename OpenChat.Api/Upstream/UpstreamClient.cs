using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// One configured upstream: where it is and how it takes its key, what it serves, its priority and weight, and its
/// health and load. It sends one request when asked; which upstream to ask, and whether to ask again, is
/// <see cref="UpstreamDispatcher"/>'s business. Its connection pool is its own named client of
/// <see cref="IHttpClientFactory"/> (<see cref="HttpClientNameOf"/>), so a test can supply the primary handler; it
/// sends through one invoker over that handler, as a reverse proxy does, rather than a new <see cref="HttpClient"/>
/// per request with its own cancellation sources.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");
    private static readonly ProductInfoHeaderValue s_userAgent = new("OpenChat", "1.0");

    private readonly HttpMessageInvoker _invoker;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _chatCompletionsUri;
    private readonly Uri _modelsUri;

    public UpstreamClient(ConfiguredUpstream configured, RoutingOptions routing, IHttpMessageHandlerFactory handlers, TimeProvider timeProvider)
    {
        // The handler lives as long as the process (its lifetime is infinite), so the invoker may keep it.
        _invoker = new HttpMessageInvoker(handlers.CreateHandler(HttpClientNameOf(configured.Name)), disposeHandler: false);
        _timeProvider = timeProvider;
        Name = configured.Name;
        ConfigurationKey = configured.Key;
        Options = configured.Options;
        Models = ServedModels.Parse(Options.Models);
        Health = new UpstreamHealth(routing, timeProvider);
        Load = new UpstreamLoad(Options.MaxConcurrentRequests);

        var baseUrl = new Uri(Options.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/");
        _chatCompletionsUri = new Uri(baseUrl, "chat/completions");
        _modelsUri = new Uri(baseUrl, "models");
    }

    public string Name { get; }

    /// <summary>The configuration section it came from, such as <c>OpenChat:Upstreams:azure</c>.</summary>
    public string ConfigurationKey { get; }

    public UpstreamOptions Options { get; }

    /// <summary>The configuration key of its provider key, for messages that say what to fix.</summary>
    public string ApiKeySetting => $"{ConfigurationKey}:{nameof(UpstreamOptions.ApiKey)}";

    public Uri BaseUrl => Options.BaseUrl!;

    public ServedModels Models { get; }

    public int Priority => Options.Priority;

    public double Weight => Options.Weight;

    public UpstreamHealth Health { get; }

    public UpstreamLoad Load { get; }

    public static string HttpClientNameOf(string upstream) => "upstream:" + upstream;

    public void Dispose() => _invoker.Dispose();

    /// <summary>Sends one chat request and returns its response as soon as the headers are in, whatever its status.</summary>
    public Task<HttpResponseMessage> SendChatAsync(ReadOnlyMemory<byte> body, bool stream, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _chatCompletionsUri)
        {
            Content = new UpstreamBodyContent(body),
            // HTTP/2 where the upstream offers it (TLS); plain-HTTP servers such as local models stay on 1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Content.Headers.ContentType = s_json;
        AddHeaders(request, stream ? s_acceptEventStream : s_acceptJson);
        // An invoker returns as soon as the headers are in, as HttpCompletionOption.ResponseHeadersRead does.
        return _invoker.SendAsync(request, cancellationToken);
    }

    /// <summary>The upstream's own model list (<c>GET /models</c>), or the error the client would see.</summary>
    public async Task<JsonDocument> GetModelsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _modelsUri);
        AddHeaders(request, s_acceptJson);
        try
        {
            using var response = await _invoker.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? JsonDocument.Parse(body)
                : throw new ApiErrorException(UpstreamErrors.FromResponse(response, body, ApiKeySetting, _timeProvider));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            throw new ApiErrorException(
                ApiError.BadGateway("The upstream model server's model list could not be read.", "upstream_unreachable"), exception);
        }
    }

    /// <summary>Only what an OpenAI upstream needs: nothing of the client's request headers travels upstream.</summary>
    private void AddHeaders(HttpRequestMessage request, MediaTypeWithQualityHeaderValue accept)
    {
        var headers = request.Headers;
        headers.Accept.Add(accept);
        headers.UserAgent.Add(s_userAgent);
        if (!string.IsNullOrEmpty(Options.ApiKey))
        {
            if (string.Equals(Options.ApiKeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
            }
            else
            {
                headers.TryAddWithoutValidation(Options.ApiKeyHeader, Options.ApiKey);
            }
        }

        if (!string.IsNullOrEmpty(Options.Organization))
        {
            headers.TryAddWithoutValidation("OpenAI-Organization", Options.Organization);
        }

        if (!string.IsNullOrEmpty(Options.Project))
        {
            headers.TryAddWithoutValidation("OpenAI-Project", Options.Project);
        }
    }
}
