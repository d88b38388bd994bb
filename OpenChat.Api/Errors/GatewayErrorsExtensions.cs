namespace OpenChat.Api.Errors;

internal static class GatewayErrorsExtensions
{
    public static IHostApplicationBuilder AddGatewayErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Every failure answers in OpenAI's error shape: unhandled exceptions through <see cref="GatewayExceptionHandler"/>,
    /// and statuses that come without a body (an unknown path, a wrong method) through the status code pages.
    /// </summary>
    public static IApplicationBuilder UseGatewayErrors(this IApplicationBuilder app)
    {
        // The handler above answers every exception; this delegate only runs if it declined (the response had started).
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = static _ => Task.CompletedTask });
        app.UseStatusCodePages(static context => context.HttpContext.Response.WriteApiErrorAsync(ErrorForStatus(context.HttpContext)));
        return app;
    }

    private static ApiError ErrorForStatus(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var request = $"{http.Request.Method} {http.Request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => ApiError.NotFound($"Invalid URL ({request}).", "unknown_url"),
            StatusCodes.Status405MethodNotAllowed => new ApiError(status, $"Method not allowed ({request}).", ErrorTypes.InvalidRequest, "method_not_allowed"),
            < 500 => new ApiError(status, $"The request was refused with status {status} ({request}).", ErrorTypes.InvalidRequest, null),
            _ => new ApiError(status, $"The gateway failed with status {status} ({request}).", ErrorTypes.Server, null),
        };
    }
}
