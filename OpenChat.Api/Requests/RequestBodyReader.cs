using OpenChat.Api.Buffers;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Requests;

/// <summary>Reads a request body into a pooled buffer, refusing bodies over the limit before holding them.</summary>
internal static class RequestBodyReader
{
    public static async ValueTask<PooledByteBuffer> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new ApiErrorException(ApiError.PayloadTooLarge(limit));
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
                    throw new ApiErrorException(ApiError.PayloadTooLarge(limit));
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
            throw new ApiErrorException(ApiError.PayloadTooLarge(limit));
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }
}
