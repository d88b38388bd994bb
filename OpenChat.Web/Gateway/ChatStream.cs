using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenChat.Web.Gateway;

/// <summary>
/// An answer streaming in: the transcript id from <c>X-Transcript-Id</c>, and the content deltas as each event
/// arrives. An error event (<c>data: {"error":...}</c>) throws <see cref="GatewayException"/>.
/// </summary>
internal sealed class ChatStream(HttpResponseMessage response) : IAsyncDisposable
{
    /// <summary>The most text the console holds of one answer; the transcript keeps all of it.</summary>
    public const int MaxAnswerChars = 1024 * 1024;

    public string? TranscriptId { get; } =
        response.Headers.TryGetValues("X-Transcript-Id", out var values) ? values.FirstOrDefault() : null;

    public string? FinishReason { get; private set; }

    /// <summary>True once <c>[DONE]</c> arrived: the answer is whole.</summary>
    public bool IsComplete { get; private set; }

    public async IAsyncEnumerable<string> ReadContentAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new SseDataReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var total = 0;
        await foreach (var data in reader.ReadAsync(cancellationToken))
        {
            if (data == "[DONE]")
            {
                IsComplete = true;
                yield break;
            }

            var delta = ReadEvent(data);
            if (delta is { Length: > 0 })
            {
                total += delta.Length;
                if (total > MaxAnswerChars)
                {
                    throw new GatewayException(new GatewayError(GatewayError.MidStream, "The answer is longer than the console shows; read it in its transcript.", Code: "answer_too_long"));
                }

                yield return delta;
            }
        }

        throw new GatewayException(new GatewayError(GatewayError.MidStream, "The stream ended before the answer was complete.", Code: "stream_ended"));
    }

    public ValueTask DisposeAsync()
    {
        response.Dispose();
        return ValueTask.CompletedTask;
    }

    private string? ReadEvent(string data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            throw new GatewayException(new GatewayError(GatewayError.MidStream, "The stream carried an event that is not JSON.", Code: "unreadable_event"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (GatewayError.FromErrorObject(GatewayError.MidStream, root) is { } error)
            {
                throw new GatewayException(error);
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                return null;
            }

            var choice = choices[0];
            if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
            {
                FinishReason = finish.GetString();
            }

            return choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
                ? content.GetString()
                : null;
        }
    }
}
