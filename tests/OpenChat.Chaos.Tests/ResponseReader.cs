using System.Text;

namespace OpenChat.Chaos.Tests;

/// <summary>Sends one streaming completion and reads its response to the end, within a deadline.</summary>
internal static class ResponseReader
{
    public static async Task<ObservedResponse> SendAsync(HttpClient client, ChatScenario scenario, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var status = 0;
        string? transcriptId = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = new StringContent(scenario.RequestJson(), Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            transcriptId = response.Headers.TryGetValues("X-Transcript-Id", out var ids) ? string.Join(',', ids) : null;
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return status == 200
                ? ResponseBody.ReadStream(status, transcriptId, mediaType, body)
                : ResponseBody.ReadError(status, transcriptId, mediaType, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ObservedResponse.Broken(status, transcriptId, $"no whole response within {deadline.TotalSeconds} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return ObservedResponse.Broken(status, transcriptId, $"the connection failed: {exception.GetBaseException().Message}");
        }
    }
}
