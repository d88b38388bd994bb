using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenChat.Api.Auth;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary>Usage read back through <c>/v1/usage</c> and <c>/admin/usage</c> matches what was served, on Garnet.</summary>
public sealed class UsageTests : IAsyncLifetime
{
    private const decimal InputPerMillion = 2.5m;
    private const decimal OutputPerMillion = 10m;

    private readonly GarnetTestServer _garnet = new();
    private GovernedApis _apis = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _apis = GovernedApis.Start(_garnet, new Dictionary<string, string?>
        {
            ["OpenChat:Governance:Prices:gpt-4o-mini:InputPerMillion"] = InputPerMillion.ToString(CultureInfo.InvariantCulture),
            ["OpenChat:Governance:Prices:gpt-4o-mini:OutputPerMillion"] = OutputPerMillion.ToString(CultureInfo.InvariantCulture),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _apis.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task Usage_per_key_and_model_adds_up_what_was_served_and_refused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"metered","rpm":3}""");
        using var firstRecorded = _apis.UsageRecorded(_apis.First);
        using var secondRecorded = _apis.UsageRecorded(_apis.Second);
        using var first = GovernedApis.Client(_apis.First, secret);
        using var second = GovernedApis.Client(_apis.Second, secret);
        using var other = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);

        var (input, output) = (0L, 0L);
        foreach (var (client, message) in new[] { (first, "one"), (second, "two words"), (first, "three more words") })
        {
            using var response = await GovernedApis.ChatAsync(client, message);
            var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("usage");
            input += usage.GetProperty("prompt_tokens").GetInt64();
            output += usage.GetProperty("completion_tokens").GetInt64();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GovernedApis.ChatAsync(second, "refused")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(other, "another key")).StatusCode);
        await firstRecorded.WaitForTotalAsync(3, GovernedApis.Timeout, cancellationToken);
        await secondRecorded.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);

        var own = Single(await GetAsync(second, "/v1/usage"));
        Assert.Equal((id, "gpt-4o-mini", _apis.Time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (own.GetProperty("key_id").GetString(), own.GetProperty("model").GetString(), own.GetProperty("date").GetString()));
        Assert.Equal((3, input, output, 1), (own.GetProperty("requests").GetInt32(), own.GetProperty("input_tokens").GetInt64(), own.GetProperty("output_tokens").GetInt64(), own.GetProperty("refusals").GetInt32()));
        Assert.Equal(((input * InputPerMillion) + (output * OutputPerMillion)) / 1_000_000m, own.GetProperty("cost_usd").GetDecimal());

        using var admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
        var byKey = Single(await GetAsync(admin, $"/admin/usage?key_id={id}"));
        Assert.Equal(own.GetRawText(), byKey.GetRawText());
        var all = (await GetAsync(admin, "/admin/usage")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(new HashSet<string?> { id, GatewayKeyRing.KeyIdOf(ApiTestHost.GatewayKey) }, all.Select(row => row.GetProperty("key_id").GetString()).ToHashSet());
        Assert.DoesNotContain(id, (await GetAsync(other, "/v1/usage")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcripts_carry_the_keys_name_and_the_cost()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"named key"}""");
        using var written = _apis.Host.TranscriptsWritten();
        using var client = GovernedApis.Client(_apis.First, secret);

        using var response = await GovernedApis.ChatAsync(client, "what does this cost");
        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("usage");
        await written.WaitForTotalAsync(1, GovernedApis.Timeout, cancellationToken);
        var transcript = await GetAsync(client, $"/v1/transcripts/{response.Headers.GetValues("X-Transcript-Id").Single()}");

        Assert.Equal("named key", transcript.GetProperty("key_name").GetString());
        Assert.Equal(((usage.GetProperty("prompt_tokens").GetInt64() * InputPerMillion) + (usage.GetProperty("completion_tokens").GetInt64() * OutputPerMillion)) / 1_000_000m,
            transcript.GetProperty("cost_usd").GetDecimal());
    }

    [Theory]
    [InlineData("/v1/usage?start=2025-13-01", "start")]
    [InlineData("/v1/usage?start=yesterday", "start")]
    [InlineData("/v1/usage?start=2025-06-02&end=2025-06-01", "end")]
    [InlineData("/v1/usage?start=2020-01-01&end=2025-01-01", "start")]
    [InlineData("/v1/usage?end=-5", "end")]
    public async Task Refuses_bad_ranges_with_400(string path, string param)
    {
        using var client = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await GovernedApis.ErrorOf(response)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Admin_usage_refuses_a_malformed_key_id_and_gateway_keys()
    {
        using var admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
        using var gateway = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);

        using var malformed = await admin.GetAsync("/admin/usage?key_id=nope", TestContext.Current.CancellationToken);
        using var forbidden = await gateway.GetAsync("/admin/usage", TestContext.Current.CancellationToken);

        Assert.Equal("key_id", (await GovernedApis.ErrorOf(malformed)).GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Reads_a_range_of_days_given_as_unix_seconds_or_dates()
    {
        using var client = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);
        var today = _apis.Time.GetUtcNow();

        var bySeconds = await GetAsync(client, $"/v1/usage?start={today.AddDays(-2).ToUnixTimeSeconds()}&end={today.ToUnixTimeSeconds()}");
        var byDates = await GetAsync(client, $"/v1/usage?start={today.AddDays(-2):yyyy-MM-dd}&end={today:yyyy-MM-dd}");

        Assert.Equal(today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bySeconds.GetProperty("start_date").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), bySeconds.GetProperty("end_date").GetString());
        Assert.Equal(bySeconds.GetRawText(), byDates.GetRawText());
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    private static JsonElement Single(JsonElement list) => Assert.Single(list.GetProperty("data").EnumerateArray());
}
