using System.Globalization;
using System.Net;

namespace OpenChat.Web.Gateway;

/// <summary><c>/v1/transcripts</c>: one by id, pages newest first (filtered here, as the Api lists without filters), and deletion.</summary>
internal sealed class TranscriptsClient(GatewayCaller caller, TimeProvider time)
{
    public const int PageSize = 20;

    private const int ScanPageSize = 100;

    /// <summary>A filtered page looks through at most this many transcripts, then offers to look further.</summary>
    private const int MaxScanned = 1000;

    /// <summary>The Api stores a transcript just after the answer; the console asks again for about five seconds.</summary>
    private const int StoredAttempts = 25;

    private static readonly TimeSpan s_storedRetryDelay = TimeSpan.FromMilliseconds(200);

    public Task<Transcript> GetAsync(string id, CancellationToken cancellationToken) =>
        caller.GetAsync<Transcript>($"v1/transcripts/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        caller.SendAsync(HttpMethod.Delete, $"v1/transcripts/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>The transcript of an answer that just ended, once the Api's background writer has stored it.</summary>
    public async Task<Transcript> WaitForStoredAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GetAsync(id, cancellationToken);
            }
            catch (GatewayException exception) when (exception.Error.Status == (int)HttpStatusCode.NotFound && attempt < StoredAttempts)
            {
                await Task.Delay(s_storedRetryDelay, time, cancellationToken);
            }
        }
    }

    /// <summary>Up to <see cref="PageSize"/> transcripts older than <paramref name="before"/> that match the filter.</summary>
    public async Task<TranscriptPage> FindAsync(TranscriptFilter filter, string? before, CancellationToken cancellationToken)
    {
        var found = new List<Transcript>(PageSize);
        var cursor = before;
        var scanned = 0;
        var limit = filter.IsEmpty ? PageSize : ScanPageSize;
        while (true)
        {
            var page = await ListAsync(limit, cursor, cancellationToken);
            for (var index = 0; index < page.Data.Count; index++)
            {
                var transcript = page.Data[index];
                cursor = transcript.Id;
                scanned++;
                if (filter.Matches(transcript))
                {
                    found.Add(transcript);
                }

                if (found.Count == PageSize)
                {
                    var more = page.HasMore || index < page.Data.Count - 1;
                    return new TranscriptPage(found, more ? cursor : null);
                }
            }

            if (!page.HasMore)
            {
                return new TranscriptPage(found, null);
            }

            if (scanned >= MaxScanned)
            {
                return new TranscriptPage(found, cursor);
            }
        }
    }

    private Task<TranscriptList> ListAsync(int limit, string? before, CancellationToken cancellationToken)
    {
        var path = $"v1/transcripts?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (before is not null)
        {
            path += $"&before={Uri.EscapeDataString(before)}";
        }

        return caller.GetAsync<TranscriptList>(path, cancellationToken);
    }
}

/// <summary>What the transcripts page shows: by status and by model, either or both.</summary>
internal sealed record TranscriptFilter(string? Status, string? Model)
{
    public bool IsEmpty => string.IsNullOrEmpty(Status) && string.IsNullOrEmpty(Model);

    public bool Matches(Transcript transcript) =>
        (string.IsNullOrEmpty(Status) || string.Equals(transcript.Status, Status, StringComparison.Ordinal))
        && (string.IsNullOrEmpty(Model) || new[] { transcript.RequestedModel, transcript.UpstreamModel, transcript.ResponseModel }
            .Any(model => string.Equals(model, Model, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>A page of the transcripts list, and where the next one starts (null at the oldest).</summary>
internal sealed record TranscriptPage(IReadOnlyList<Transcript> Transcripts, string? NextBefore);
