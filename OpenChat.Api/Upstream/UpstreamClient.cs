using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Sends chat requests to the upstream and waits for its response headers, retrying connection failures, 429
/// and 5xx with jittered backoff. It never retries after a response was handed back, so nothing a client has
/// seen is ever sent twice. The caller's <see cref="CancellationTokenSource"/> bounds the wait for headers here
/// and, re-armed by the caller, the silences of the stream after it.
/// </summary>
public sealed class UpstreamClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");
    private static readonly ProductInfoHeaderValue s_userAgent = new("OpenChat", "1.0");

    private readonly HttpMessageInvoker _invoker;
    private readonly UpstreamOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<UpstreamClient> _logger;
    private readonly Uri _chatCompletionsUri;
    private readonly Uri _modelsUri;

    public UpstreamClient(IOptions<UpstreamOptions> options, TimeProvider timeProvider, ILogger<UpstreamClient> logger)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _invoker = new HttpMessageInvoker(UpstreamHandlerFactory.Create(_options), disposeHandler: true);

        var baseUrl = new Uri(_options.BaseUrl!.AbsoluteUri.TrimEnd('/') + "/");
        _chatCompletionsUri = new Uri(baseUrl, "chat/completions");
        _modelsUri = new Uri(baseUrl, "models");
    }

    public Uri BaseUrl => _options.BaseUrl!;

    /// <summary>
    /// Sends a chat request and returns the response as soon as its headers are in: a success, or a failure
    /// status that retrying did not cure. Throws <see cref="ApiErrorException"/> when no response came at all.
    /// </summary>
    public async Task<HttpResponseMessage> SendChatAsync(ReadOnlyMemory<byte> body, bool stream, ExchangeLifetime lifetime)
    {
        var timeout = stream ? _options.HeadersTimeout : _options.ResponseTimeout;
        lifetime.Source.CancelAfter(timeout);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                HttpResponseMessage response;
                try
                {
                    response = await _invoker.SendAsync(CreateChatRequest(body, stream), lifetime.Token);
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

                if (attempt < _options.MaxRetries && IsRetryable(response.StatusCode) && RetryDelay(attempt, response.Headers.RetryAfter) is { } retryDelay)
                {
                    UpstreamLog.RetryingAfterStatus(_logger, (int)response.StatusCode, attempt + 1, retryDelay.TotalMilliseconds);
                    response.Dispose();
                    await Task.Delay(retryDelay, _timeProvider, lifetime.Token);
                    continue;
                }

                return response;
            }
        }
        catch (OperationCanceledException exception) when (lifetime.TimedOut)
        {
            throw new ApiErrorException(
                ApiError.GatewayTimeout($"The upstream model server did not answer within {timeout.TotalSeconds:0.#} seconds.", "upstream_timeout"),
                exception);
        }
    }

    /// <summary>The upstream's model list, as it answers it.</summary>
    public Task<HttpResponseMessage> GetModelsAsync(CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _modelsUri);
        AddHeaders(request, s_acceptJson);
        return _invoker.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _invoker.Dispose();

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

    /// <summary>Exponential backoff with jitter, so clients failing together do not retry together.</summary>
    private TimeSpan BackoffDelay(int attempt)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
