using System.Net.Http.Json;
using System.Text.Json;

namespace OpenChat.Web.Tests.Infrastructure;

/// <summary>Completions made through the Api itself, behind the console's back, for the pages to show.</summary>
public static class StoredCompletions
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>One streamed completion; returns its transcript once the Api has stored it.</summary>
    public static async Task<JsonElement> CompleteAsync(this ConsoleStack stack, string key, string model, string message, bool succeeds = true)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var written = stack.TranscriptsWritten();
        using var api = stack.CreateApiClient(key);
        using var response = await api.PostAsJsonAsync(
            "/v1/chat/completions",
            new { model, stream = true, messages = new[] { new { role = "user", content = message } } },
            cancellationToken);
        Assert.Equal(succeeds, response.IsSuccessStatusCode);
        await response.Content.ReadAsStringAsync(cancellationToken);
        var id = response.Headers.GetValues("X-Transcript-Id").Single();

        // Each write the counter reports may be this one (or a late one of an earlier test): look after each.
        for (var writes = 1; ; writes++)
        {
            await written.WaitForTotalAsync(writes, s_timeout, cancellationToken);
            using var stored = await api.GetAsync($"/v1/transcripts/{id}", cancellationToken);
            if (stored.IsSuccessStatusCode)
            {
                return (await stored.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
            }
        }
    }

    public static string Id(this JsonElement transcript) => transcript.GetProperty("id").GetString()!;
}
