namespace OpenChat.Api.Errors;

internal static class HttpResponseErrorExtensions
{
    /// <summary>Answers with the error's status and body; only valid before the response has started.</summary>
    public static async Task WriteApiErrorAsync(this HttpResponse response, ApiError error)
    {
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        ApiErrorJson.Write(response.BodyWriter, error);
        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }
}
