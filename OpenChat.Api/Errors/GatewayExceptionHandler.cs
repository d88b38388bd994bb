using Microsoft.AspNetCore.Diagnostics;

namespace OpenChat.Api.Errors;

/// <summary>
/// The one error path for whatever an endpoint did not handle: an <see cref="ApiErrorException"/> becomes its
/// error, a request Kestrel could not read becomes a 4xx, an exception a layer below knows (through its
/// <see cref="IExceptionMapper"/>) becomes what that layer says, and anything else an OpenAI-style 500 that names
/// no internals; the exception itself goes to the log.
/// </summary>
internal sealed class GatewayExceptionHandler(IEnumerable<IExceptionMapper> mappers, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    private static readonly ApiError s_internal = new(StatusCodes.Status500InternalServerError,
        "The gateway failed while handling the request.", ErrorTypes.Server, "internal_error");

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            ApiErrorException apiError => apiError.Error,
            BadHttpRequestException badRequest => ApiError.InvalidRequest(
                $"The request could not be read: {badRequest.Message}", param: null, "invalid_request") with { Status = badRequest.StatusCode },
            _ => mappers.Select(mapper => mapper.Map(exception)).FirstOrDefault(mapped => mapped is not null),
        };

        if (error is { Status: >= 500 })
        {
            ErrorLog.RequestFailed(logger, httpContext.Request.Method, httpContext.Request.Path, error.Code, exception);
        }

        if (error is null)
        {
            ErrorLog.UnhandledException(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
            error = s_internal;
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await httpContext.Response.WriteApiErrorAsync(error);
        return true;
    }
}
