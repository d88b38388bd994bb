using System.Net;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.Resilience;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Upstream;

/// <summary>
/// Sends one round of a completion to the upstreams that serve its model, in <see cref="UpstreamRouter"/>'s order,
/// and returns the first response that succeeds, as soon as its headers are in. A connection failure, a timeout
/// before the headers, or 408, 429, 500, 502, 503 or 504 moves on to the next upstream, up to
/// <see cref="RoutingOptions.MaxAttempts"/>; an upstream that is the only one for its model is retried instead, as
/// its <see cref="UpstreamOptions.MaxRetries"/> allows, with backoff. Nothing is retried once a response has been
/// handed over, so nothing the client has seen is ever sent twice. Any other answer (400, 404, and 401 or 403, which
/// also take the upstream out) goes back to the client as it is; when every attempt failed the client sees the last
/// failure, and how many attempts were made. Each attempt is one <c>chat {model}</c> span.
/// </summary>
internal sealed class UpstreamDispatcher(
    UpstreamRouter router,
    UpstreamOutcomes outcomes,
    UpstreamMetrics metrics,
    GenAiInstrumentation instrumentation,
    IOptions<RoutingOptions> routing,
    TimeProvider timeProvider,
    ILogger<UpstreamDispatcher> logger)
{
    private static readonly ApiError s_overloaded = new(StatusCodes.Status503ServiceUnavailable,
        "Every upstream that serves this model is at its limit of concurrent requests; try again shortly.", ErrorTypes.Upstream, "upstream_overloaded")
    {
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    /// <exception cref="ApiErrorException">No upstream answered with success; the error is the one the client should see.</exception>
    public async Task<UpstreamExchange> SendChatAsync(ChatCall call, IChatBodySource bodies, CancellationToken clientAborted)
    {
        var order = router.Order(call.Route);
        var only = call.Route.Candidates.Count == 1 && order.Targets.Count == 1 ? order.Targets[0] : null;
        var maxAttempts = only is null ? routing.Value.MaxAttempts : 1 + only.Upstream.Options.MaxRetries;
        var attempts = 0;
        var next = 0;
        AttemptFailure? last = null;
        while (attempts < maxAttempts)
        {
            RouteTarget target;
            var lastResort = true;
            if (only is not null)
            {
                if (last is not null)
                {
                    if (RetryDelay(only.Upstream, last, attempts) is not { } delay)
                    {
                        break;
                    }

                    await Task.Delay(delay, timeProvider, clientAborted);
                }

                target = only;
            }
            else
            {
                if (next >= order.Targets.Count)
                {
                    break;
                }

                // Of several upstreams, those out of service come last, and are called only when all else failed.
                lastResort = next >= order.InService;
                target = order.Targets[next++];
            }

            if (target.Upstream.Health.TryBegin(lastResort) is not { } probe)
            {
                continue;
            }

            if (!target.Upstream.Load.TryEnter())
            {
                target.Upstream.Health.Release(probe);
                if (only is not null)
                {
                    break;
                }

                continue;
            }

            attempts++;
            var (exchange, failure) = await AttemptAsync(call, bodies, target, probe, clientAborted);
            if (exchange is not null)
            {
                call.Route.Affinity = target.Upstream;
                return exchange;
            }

            last = failure!;
            if (!last.Retryable)
            {
                break;
            }

            if (only is null)
            {
                UpstreamLog.FallingBack(logger, target.Upstream.Name, last.Reason);
            }
        }

        throw new ApiErrorException(last is null ? s_overloaded
            : attempts > 1 ? last.Error with { Message = $"{last.Error.Message} (gave up after {attempts} attempts)" }
            : last.Error);
    }

    private async Task<(UpstreamExchange? Exchange, AttemptFailure? Failure)> AttemptAsync(
        ChatCall call, IChatBodySource bodies, RouteTarget target, bool probe, CancellationToken clientAborted)
    {
        var upstream = target.Upstream;
        var model = target.DeploymentOf(call.Route.Model);
        var body = bodies.BodyFor(new ChatBodyTarget(model, upstream.Options.AlwaysRequestUsage));
        var timeout = call.Stream ? upstream.Options.HeadersTimeout : upstream.Options.ResponseTimeout;
        var lifetime = new ExchangeLifetime(timeProvider, clientAborted);
        lifetime.Source.CancelAfter(timeout);
        var started = timeProvider.GetTimestamp();
        var activity = instrumentation.StartChat(model, upstream.BaseUrl, call.InputMessages);
        metrics.Sent(upstream);

        HttpResponseMessage? response = null;
        try
        {
            response = await upstream.SendChatAsync(body, call.Stream, lifetime.Token);
            if (response.IsSuccessStatusCode)
            {
                if (UpstreamBodyContent.TryLetGo(response))
                {
                    bodies.Delivered();
                }

                outcomes.Succeeded(upstream);
                return (new UpstreamExchange(call, target, response, lifetime, activity, started, outcomes, timeProvider), null);
            }

            var error = await UpstreamErrors.ReadAsync(response, upstream.ApiKeySetting, timeProvider, lifetime.Token);
            return (null, End(Judge(upstream, response.StatusCode, error, probe)));
        }
        catch (OperationCanceledException) when (lifetime.TimedOut)
        {
            var failure = AttemptFailure.Timeout(timeout);
            outcomes.Failed(upstream, failure.Reason, failure.Error.Message, retryAfter: null, probe);
            return (null, End(failure));
        }
        catch (Exception exception) when (IsConnectionFailure(exception, lifetime))
        {
            var failure = AttemptFailure.Unreachable();
            outcomes.Failed(upstream, failure.Reason, failure.Error.Message, retryAfter: null, probe);
            return (null, End(failure));
        }
        catch (Exception exception)
        {
            // The client left, or the gateway failed: no verdict on the upstream.
            upstream.Health.Release(probe);
            End(null, clientAborted.IsCancellationRequested ? CompletionStatus.ClientCancelled.ToWireName() : exception.GetType().Name);
            throw;
        }

        // Records the attempt that got no successful response, and lets go of everything it held.
        AttemptFailure? End(AttemptFailure? failure, string? otherError = null)
        {
            var errorType = failure is null ? otherError : failure.Error.Code ?? failure.Reason;
            call.Attempts.Add(new UpstreamAttempt(call.Round, upstream.Name, failure?.Status, timeProvider.GetElapsedTime(started), errorType));
            instrumentation.RecordChat(activity,
                new ChatCallOutcome(model, upstream.BaseUrl, started, null, null, null, null, errorType, failure?.Error.Message), default);
            activity?.Dispose();
            response?.Dispose();
            lifetime.Dispose();
            upstream.Load.Exit();
            return failure;
        }
    }

    /// <summary>What a failure status says about the upstream: down for now, holding a bad key, or up.</summary>
    private AttemptFailure Judge(UpstreamClient upstream, HttpStatusCode status, ApiError error, bool probe)
    {
        var failure = AttemptFailure.Answered(status, error);
        if (UpstreamErrors.IsKeyRejected(status))
        {
            outcomes.KeyRejected(upstream, failure.Reason, error.Message, probe);
        }
        else if (failure.Retryable)
        {
            var retryAfter = status == HttpStatusCode.TooManyRequests ? error.RetryAfter : null;
            outcomes.Failed(upstream, failure.Reason, $"{failure.Reason}: {error.Message}", retryAfter, probe);
        }
        else
        {
            // It answered, so it is up; the request itself was refused, and would be anywhere.
            outcomes.Succeeded(upstream);
        }

        return failure;
    }

    /// <summary>
    /// The wait before the only upstream is tried again: its <c>Retry-After</c> when within
    /// <see cref="UpstreamOptions.MaxRetryDelay"/>, else jittered backoff. None (give up) when it asks for a longer
    /// wait than that, or after a timeout, which would only be waited for again.
    /// </summary>
    private TimeSpan? RetryDelay(UpstreamClient upstream, AttemptFailure failure, int attempts)
    {
        var options = upstream.Options;
        if (failure.TimedOut)
        {
            return null;
        }

        TimeSpan? delay = failure.Error.RetryAfter is not { } retryAfter ? JitteredBackoff.Delay(attempts - 1, options.RetryBaseDelay, options.MaxRetryDelay)
            : retryAfter > options.MaxRetryDelay ? null
            : retryAfter < TimeSpan.Zero ? TimeSpan.Zero
            : retryAfter;
        if (delay is { } wait)
        {
            UpstreamLog.Retrying(logger, upstream.Name, failure.Reason, attempts, wait.TotalMilliseconds);
        }

        return delay;
    }

    /// <summary>
    /// No response at all: refused or reset connections, TLS failures, a connection broken while an error body was
    /// read, and the connect timeout, which surfaces as a cancellation nobody asked for.
    /// </summary>
    private static bool IsConnectionFailure(Exception exception, ExchangeLifetime lifetime) =>
        exception is HttpRequestException or IOException || (exception is OperationCanceledException && !lifetime.Token.IsCancellationRequested);
}
