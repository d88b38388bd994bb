using System.Globalization;
using System.Net;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Upstream;

/// <summary>An attempt that got no successful response: the error the client would see, and what it says about retrying.</summary>
/// <param name="Error">The error the client sees if this is the last attempt.</param>
/// <param name="Reason">The failure in logs and metrics: the status (<c>503</c>), <c>timeout</c> or <c>unreachable</c>.</param>
/// <param name="Status">The upstream's status, or null when no response came.</param>
/// <param name="Retryable">Whether another attempt, at this upstream later or at another, may cure it.</param>
internal sealed record AttemptFailure(ApiError Error, string Reason, int? Status, bool Retryable)
{
    public bool TimedOut => Reason == "timeout";

    public static AttemptFailure Timeout(TimeSpan waited) => new(ApiError.GatewayTimeout(
        $"The upstream model server did not answer within {waited.TotalSeconds:0.#} seconds.", "upstream_timeout"), "timeout", null, Retryable: true);

    public static AttemptFailure Unreachable() =>
        new(ApiError.BadGateway("The upstream model server could not be reached.", "upstream_unreachable"), "unreachable", null, Retryable: true);

    public static AttemptFailure Answered(HttpStatusCode status, ApiError error) =>
        new(error, ((int)status).ToString(CultureInfo.InvariantCulture), (int)status, UpstreamErrors.IsRetryable(status));
}
