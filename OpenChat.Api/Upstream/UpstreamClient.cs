using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;
using OpenChat.Api.Resilience;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Sends chat requests to the upstream and waits for its response headers, retrying connection failures, 429
/// and 5xx with jittered backoff. It never retries after a response was handed back, so nothing a client has
/// seen is ever sent twice. The caller's <see cref="ExchangeLifetime"/> bounds the wait for headers here and,
/// re-armed by the caller, the silences of the stream after it. The connection pool is the named
/// <see cref="HttpClientName"/> client of <see cref="IHttpClientFactory"/>.
/// </summary>
internal sealed class UpstreamClient
{
    public const string HttpClientName = "upstream";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");
    private static readonly ProductInfoHeaderValue s_userAgent = new("OpenChat", "1.0");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly UpstreamOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<UpstreamClient> _logger;
    private readonly Uri _chatCompletionsUri;
    private readonly Uri _modelsUri;

    public UpstreamClient(IHttpClientFactory httpClientFactory, IOptions<UpstreamOptions> options, TimeProvider timeProvider, ILogger<UpstreamClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        var baseUrl = new Uri(_options.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/");
        _chatCompletionsUri = new Uri(baseUrl, "chat/completions");
        _modelsUri = new Uri(baseUrl, "models");
    }

    public Uri BaseUrl => _options.BaseUrl!;

    /// <summary>
    /// Sends a chat request and returns the successful response as soon as its headers are in. Throws
    /// <see cref="ApiErrorException"/> with the error the client should see when no response came at all, or when
    /// the upstream failed and retrying did not cure it.
    /// </summary>
    public async Task<HttpResponseMessage> SendChatAsync(ReadOnlyMemory<byte> body, bool stream, ExchangeLifetime lifetime)
    {
        var timeout = stream ? _options.HeadersTimeout : _options.ResponseTimeout;
        lifetime.Source.CancelAfter(timeout);
        var http = _httpClientFactory.CreateClient(HttpClientName);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(CreateChatRequest(body, stream), HttpCompletionOption.ResponseHeadersRead, lifetime.Token);
                }
                catch (Exception exception) when (IsConnectionFailure(exception, lifetime) && attempt < _options.MaxRetries)
                {
                    var delay = BackoffDelay(attempt);
                    UpstreamLog.RetryingAfterConnectionFailure(_logger, attempt + 1, delay.TotalMilliseconds, exception);
                    await Task.Delay(delay, _timeProvider, lifetime.Token);
                    continue;
                }
                catch (Exception exception) when (IsConnectionFailure(exception, lifetime))
                {
                    throw new ApiErrorException(
                        ApiError.BadGateway("The upstream model server could not be reached.", "upstream_unreachable"), exception);
                }

                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    if (attempt < _options.MaxRetries && IsRetryable(response.StatusCode) && RetryDelay(attempt, response.Headers.RetryAfter) is { } retryDelay)
                    {
                        UpstreamLog.RetryingAfterStatus(_logger, (int)response.StatusCode, attempt + 1, retryDelay.TotalMilliseconds);
                        await Task.Delay(retryDelay, _timeProvider, lifetime.Token);
                        continue;
                    }

                    throw new ApiErrorException(await UpstreamErrors.ReadAsync(response, _timeProvider, lifetime.Token));
                }
            }
        }
        catch (OperationCanceledException exception) when (lifetime.TimedOut)
        {
            throw new ApiErrorException(
                ApiError.GatewayTimeout($"The upstream model server did not answer within {timeout.TotalSeconds:0.#} seconds.", "upstream_timeout"),
                exception);
        }
    }

    /// <summary>The upstream's own model list (<c>GET /models</c>), or the error the client should see.</summary>
    public async Task<JsonDocument> GetModelsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _modelsUri);
        AddHeaders(request, s_acceptJson);
        try
        {
            using var response = await _httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? JsonDocument.Parse(body)
                : throw new ApiErrorException(UpstreamErrors.FromResponse(response, body, _timeProvider));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            throw new ApiErrorException(
                ApiError.BadGateway("The upstream model server's model list could not be read.", "upstream_unreachable"), exception);
        }
    }

    private HttpRequestMessage CreateChatRequest(ReadOnlyMemory<byte> body, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _chatCompletionsUri)
        {
            Content = new ReadOnlyMemoryContent(body),
            // HTTP/2 where the upstream offers it (TLS); plain-HTTP servers such as local models stay on 1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Content.Headers.ContentType = s_json;
        AddHeaders(request, stream ? s_acceptEventStream : s_acceptJson);
        return request;
    }

    /// <summary>Only what an OpenAI upstream needs: nothing of the client's request headers travels upstream.</summary>
    private void AddHeaders(HttpRequestMessage request, MediaTypeWithQualityHeaderValue accept)
    {
        var headers = request.Headers;
        headers.Accept.Add(accept);
        headers.UserAgent.Add(s_userAgent);
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            if (string.Equals(_options.ApiKeyHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }
            else
            {
                headers.TryAddWithoutValidation(_options.ApiKeyHeader, _options.ApiKey);
            }
        }

        if (!string.IsNullOrEmpty(_options.Organization))
        {
            headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        if (!string.IsNullOrEmpty(_options.Project))
        {
            headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }
    }

    /// <summary>
    /// A failure to get any response: refused or reset connections, TLS failures, and the connect timeout,
    /// which surfaces as a cancellation nobody asked for.
    /// </summary>
    private static bool IsConnectionFailure(Exception exception, ExchangeLifetime lifetime) =>
        exception is HttpRequestException || (exception is OperationCanceledException && !lifetime.Token.IsCancellationRequested);

    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait before a retry; none when the upstream asks for a longer wait than the gateway allows.</summary>
    private TimeSpan? RetryDelay(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter is null)
        {
            return BackoffDelay(attempt);
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date - _timeProvider.GetUtcNow()) ?? TimeSpan.Zero;
        return wait <= _options.MaxRetryDelay ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : null;
    }

    private TimeSpan BackoffDelay(int attempt) => JitteredBackoff.Delay(attempt, _options.RetryBaseDelay, _options.MaxRetryDelay);
}
