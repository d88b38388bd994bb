namespace OpenChat.Api.Errors;

internal static class HttpResponseErrorExtensions
{
    /// <summary>
    /// Answers with the error's status and body; only valid before the response has started. The body goes with its
    /// length, so the answer is whole with its last byte, not when the gateway has finished its own work after it.
    /// </summary>
    public static async Task WriteApiErrorAsync(this HttpResponse response, ApiError error)
    {
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = ApiErrorJson.ToUtf8(error);
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, response.HttpContext.RequestAborted);
    }
}
