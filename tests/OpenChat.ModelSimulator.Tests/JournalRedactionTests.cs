using System.Net;
using System.Text.Json;

namespace OpenChat.ModelSimulator.Tests;

/// <summary>The journal shows which credentials arrived, never their values: not in memory, not over HTTP.</summary>
public sealed class JournalRedactionTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Keeps_no_credential_from_the_request_headers()
    {
        var id = Guid.NewGuid().ToString("N");
        (string Name, string Value)[] secrets =
        [
            ("Authorization", "Bearer " + SimulatorFixture.ApiKey),
            ("api-key", "azure-secret-1"),
            ("Cookie", "session=cookie-secret-2"),
            ("Proxy-Authorization", "Basic cHJveHktc2VjcmV0LTM="),
            ("X-Goog-Api-Key", "google-secret-4"),
            ("X-Auth-Token", "token-secret-5"),
            ("X-Client-Secret", "client-secret-6"),
        ];

        var (response, _) = await simulator.PostWithHeadersAsync(SimulatorFixture.Chat($"#sim {{\"id\":\"{id}\"}}", stream: false), [.. secrets, ("X-Probe", "kept")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = simulator.Journal.Entries.Single(entry => entry.ScriptId == id).Headers;
        Assert.Equal("kept", headers["X-Probe"]);
        Assert.Equal("Bearer [redacted]", headers["Authorization"]);
        Assert.Equal("Basic [redacted]", headers["Proxy-Authorization"]);
        Assert.All(secrets.Where(secret => !secret.Name.EndsWith("Authorization", StringComparison.Ordinal)), secret => Assert.Equal("[redacted]", headers[secret.Name]));

        using var client = simulator.CreateClient();
        var listing = await client.GetStringAsync("/simulator/requests", TestContext.Current.CancellationToken);
        var listed = JsonDocument.Parse(listing).RootElement.EnumerateArray().Single(entry => entry.GetProperty("scriptId").GetString() == id);
        Assert.Equal("[redacted]", listed.GetProperty("headers").GetProperty("api-key").GetString());
        Assert.All(secrets, secret => Assert.DoesNotContain(secret.Value.Split(' ')[^1], listing, StringComparison.Ordinal));
    }
}
