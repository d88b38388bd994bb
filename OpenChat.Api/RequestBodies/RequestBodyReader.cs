using Microsoft.AspNetCore.Http.Features;
using OpenChat.Api.Buffers;
using OpenChat.Api.Errors;

namespace OpenChat.Api.RequestBodies;

/// <summary>
/// Reads a request body into a pooled buffer, refusing bodies over the limit before holding them. A refused body
/// stays partly unread, so its answer closes the connection: the next bytes on it would be the rest of the body.
/// </summary>
internal static class RequestBodyReader
{
    /// <param name="request">The request whose body to read.</param>
    /// <param name="limit">The endpoint's limit; Kestrel's, where lower, is the one the answer names.</param>
    /// <param name="cancellationToken">Ends the read when the client goes.</param>
    public static async ValueTask<PooledByteBuffer> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } serverLimit)
        {
            limit = Math.Min(limit, serverLimit);
        }

        if (request.ContentLength > limit)
        {
            throw TooLarge(request, limit);
        }

        var body = new PooledByteBuffer((int)Math.Min(request.ContentLength ?? 4096, limit));
        try
        {
            var reader = request.BodyReader;
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (body.Length + buffer.Length > limit)
                {
                    reader.AdvanceTo(buffer.End);
                    throw TooLarge(request, limit);
                }

                foreach (var segment in buffer)
                {
                    body.Write(segment.Span);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return body;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            throw TooLarge(request, limit);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static ApiErrorException TooLarge(HttpRequest request, long limit)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return new ApiErrorException(ApiError.PayloadTooLarge(limit));
    }
}
