using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Integration;

/// <summary>Each row of README's bad-input table, sent to an Api with transcripts, keys and limits on a real Garnet.</summary>
public sealed partial class BadInputTableTests : IAsyncLifetime
{
    public const int BodyLimit = 64 * 1024;
    public const string GatewayKey = ApiTestHost.GatewayKey;
    public const string AdminKey = ApiTestHost.AdminKey;

    /// <summary>Replaced at start-up by a managed key that may use only <c>slow</c>, once a minute.</summary>
    public const string LimitedKey = "(limited key)";

    private readonly GarnetTestServer _garnet = new();
    private ApiTestHost _host = null!;
    private string _limitedKey = null!;

    public static TheoryData<int> RowNumbers => [.. Enumerable.Range(0, BadInputTable.Rows.Count)];

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _host = ApiTestHost.Start(redis: _garnet.ConnectionString, api: new Dictionary<string, string?>
        {
            ["OpenChat:Relay:MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
            ["OpenChat:Relay:AllowUnlistedModels"] = "false",
            ["OpenChat:Relay:ModelAliases:fast"] = "gpt-4o-mini",
            ["OpenChat:Relay:ModelAliases:slow"] = "gpt-4o",
        });
        using var admin = _host.CreateClient(AdminKey);
        using var created = await admin.PostAsync("/admin/keys",
            new StringContent("""{"name":"limited","models":["slow"],"rpm":1}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _limitedKey = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("key").GetString()!;
        // The key's one request of the minute: the rpm row's request is the second.
        using var first = _host.CreateClient(_limitedKey);
        using var served = await first.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"slow","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public async Task Each_row_gets_its_status_and_error_code_and_the_gateway_keeps_serving(int row)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var input = BadInputTable.Rows[row];
        using var client = _host.CreateClient(input.Key == LimitedKey ? _limitedKey : input.Key);
        using var request = new HttpRequestMessage(new HttpMethod(input.Method), input.Path);
        if (input.Body is not null)
        {
            request.Content = new StringContent(input.Body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, cancellationToken);

        await ErrorResponseAssert.IsErrorAsync(response, input.Status, input.Code, cancellationToken);
        using var fine = _host.CreateClient();
        using var served = await fine.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"fast","messages":[{"role":"user","content":"still there?"}]}""", Encoding.UTF8, "application/json"), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public void The_readme_table_lists_exactly_these_rows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("| bad input | status | code |", StringComparison.Ordinal)..];
        var rows = TableRow().Matches(table.Split("\n\n")[0])
            .Select(match => (Input: match.Groups["input"].Value, Status: int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture), Code: match.Groups["code"].Value))
            .ToList();

        Assert.Equal(BadInputTable.Rows.Select(row => (row.Input, (int)row.Status, row.Code)), rows);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenChat.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (OpenChat.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"^\| (?<input>.+?) \| (?<status>\d{3}) \| `(?<code>[a-z_]+)` \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
