using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Routing;

public sealed class WeightTests
{
    private const int Requests = 400;

    [Fact]
    public async Task Upstreams_of_one_priority_share_the_traffic_by_weight()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = ApiTestHost.Start(upstreams:
        [
            new SimulatedUpstream("heavy", new Dictionary<string, string?> { ["Weight"] = "3" }),
            new SimulatedUpstream("light", new Dictionary<string, string?> { ["Weight"] = "1" }),
        ]);
        using var completions = new CounterSignal(host.Api.Services.GetRequiredService<IMeterFactory>().Create(OpenChatTelemetry.Name), "openchat.completions");
        using var client = host.CreateClient();

        for (var i = 1; i <= Requests; i++)
        {
            using var response = await SseClient.PostAsync(client, SseClient.ChatJson("hi", stream: false), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The Api has let go of the upstream once the completion is counted: every pick sees both idle, so each
            // request goes to the heavier one with probability 3/4 exactly.
            await completions.WaitForTotalAsync(i, TimeSpan.FromSeconds(30), cancellationToken);
        }

        // Heavy's count is binomial(400, 3/4): mean 300, standard deviation sqrt(400 * 3/4 * 1/4) = 8.66. The band
        // 300 ± 48 is 5.5 standard deviations each way: a correct router falls outside it with probability under
        // 4e-8, while an even split (200) or a router that always picks the heavier (400) falls far outside.
        var heavy = host.JournalOf("heavy").Entries.Count;
        var light = host.JournalOf("light").Entries.Count;
        Assert.Equal(Requests, heavy + light);
        Assert.InRange(heavy, 252, 348);
    }
}
