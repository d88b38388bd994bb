using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenChat.Api.Tests.Infrastructure;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Governance;

/// <summary><c>/admin/keys</c> end to end, on Garnet: create, read, page, change, rotate, revoke, and what each does to the key.</summary>
public sealed class AdminKeysApiTests : IAsyncLifetime
{
    private readonly GarnetTestServer _garnet = new();
    private GovernedApis _apis = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        await _garnet.StartAsync();
        _apis = GovernedApis.Start(_garnet);
        _admin = GovernedApis.Client(_apis.First, ApiTestHost.AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _apis.DisposeAsync();
        await _garnet.DisposeAsync();
    }

    [Fact]
    public async Task Creates_a_key_whose_secret_is_shown_once_and_works_at_once()
    {
        var expiresAt = _apis.Time.GetUtcNow().ToUnixTimeSeconds() + 3600;
        using var created = await SendAsync(HttpMethod.Post, "/admin/keys", $$$"""
            {"name":"team a","owner":"team-a","models":["gpt-4o-mini"],"rpm":10,"tpm":1000,"max_concurrent_streams":2,
             "budget":{"tokens":100000,"usd":12.5,"period":"month"},"expires_at":{{{expiresAt}}},"metadata":{"cost_center":"42"}}
            """);
        var key = await JsonAsync(created);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("gateway.key", key.GetProperty("object").GetString());
        Assert.Matches("^key_[0-9a-f]{12}$", key.GetProperty("id").GetString());
        var secret = key.GetProperty("key").GetString()!;
        Assert.StartsWith("sk-oc-", secret, StringComparison.Ordinal);
        Assert.Equal("..." + secret[^4..], key.GetProperty("key_hint").GetString());
        Assert.Equal(("team a", "team-a", "active"), (key.GetProperty("name").GetString(), key.GetProperty("owner").GetString(), key.GetProperty("status").GetString()));
        Assert.Equal((10, 1000, 2), (key.GetProperty("rpm").GetInt32(), key.GetProperty("tpm").GetInt32(), key.GetProperty("max_concurrent_streams").GetInt32()));
        Assert.Equal((100000, 12.5m, "month"), (key.GetProperty("budget").GetProperty("tokens").GetInt32(), key.GetProperty("budget").GetProperty("usd").GetDecimal(), key.GetProperty("budget").GetProperty("period").GetString()));
        Assert.Equal(expiresAt, key.GetProperty("expires_at").GetInt64());
        Assert.Equal("42", key.GetProperty("metadata").GetProperty("cost_center").GetString());

        var read = await JsonAsync(await _admin.GetAsync($"/admin/keys/{key.GetProperty("id").GetString()}", TestContext.Current.CancellationToken));
        Assert.False(read.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret, read.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(key.GetProperty("created_at").GetInt64(), read.GetProperty("created_at").GetInt64());

        using var client = GovernedApis.Client(_apis.Second, secret);
        using var completion = await GovernedApis.ChatAsync(client, "a new key");
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        Assert.Equal("10", completion.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("9", completion.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task A_key_limited_to_some_models_lists_only_those()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"one model","models":["gpt-4o-mini"]}""");
        using var limited = GovernedApis.Client(_apis.First, secret);
        var cancellationToken = TestContext.Current.CancellationToken;

        var all = Ids(await JsonAsync(await _admin.GetAsync("/v1/models", cancellationToken)));
        var seen = Ids(await JsonAsync(await limited.GetAsync("/v1/models", cancellationToken)));

        Assert.Contains("gpt-4o", all);
        Assert.Equal(["gpt-4o-mini"], seen);
    }

    [Fact]
    public async Task Lists_keys_in_pages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _apis.CreateKeyAsync($$"""{"name":"key {{i}}"}""")).Id);
        }

        ids.Sort(StringComparer.Ordinal);
        var page1 = await JsonAsync(await _admin.GetAsync("/admin/keys?limit=2", TestContext.Current.CancellationToken));
        var page2 = await JsonAsync(await _admin.GetAsync($"/admin/keys?limit=2&after={page1.GetProperty("last_id").GetString()}", TestContext.Current.CancellationToken));

        Assert.Equal("list", page1.GetProperty("object").GetString());
        Assert.Equal(ids[..2], Ids(page1));
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids[2..], Ids(page2));
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.All(page1.GetProperty("data").EnumerateArray(), key => Assert.False(key.TryGetProperty("key", out _)));
    }

    [Fact]
    public async Task Changes_limits_and_clears_them_with_null()
    {
        var (id, secret) = await _apis.CreateKeyAsync("""{"name":"before","rpm":1,"metadata":{"a":"b"}}""");

        var changed = await JsonAsync(await SendAsync(HttpMethod.Patch, $"/admin/keys/{id}", """{"name":"after","rpm":null,"tpm":500,"models":["gpt-4o-mini"]}"""));

        Assert.Equal("after", changed.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("rpm").ValueKind);
        Assert.Equal(500, changed.GetProperty("tpm").GetInt32());
        Assert.Equal("b", changed.GetProperty("metadata").GetProperty("a").GetString());
        using var client = GovernedApis.Client(_apis.Second, secret);
        using var completion = await GovernedApis.ChatAsync(client, "changed");
        Assert.False(completion.Headers.Contains("x-ratelimit-limit-requests"));
        Assert.Equal("500", completion.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        using var otherModel = await GovernedApis.ChatAsync(client, "changed", model: "gpt-4o");
        Assert.Equal(HttpStatusCode.Forbidden, otherModel.StatusCode);
        var error = await GovernedApis.ErrorOf(otherModel);
        Assert.Equal(("model_not_allowed", "model"), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Rotation_replaces_the_secret_and_revocation_ends_the_key()
    {
        var (id, oldSecret) = await _apis.CreateKeyAsync("""{"name":"rotating"}""");

        using var rotation = await _admin.PostAsync($"/admin/keys/{id}/rotate", null, TestContext.Current.CancellationToken);
        var rotated = await JsonAsync(rotation);
        var newSecret = rotated.GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        Assert.Equal(id, rotated.GetProperty("id").GetString());
        Assert.NotEqual(oldSecret, newSecret);
        using var oldClient = GovernedApis.Client(_apis.Second, oldSecret);
        using var newClient = GovernedApis.Client(_apis.Second, newSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GovernedApis.ChatAsync(oldClient, "old")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(newClient, "new")).StatusCode);

        var revoked = await JsonAsync(await _admin.DeleteAsync($"/admin/keys/{id}", TestContext.Current.CancellationToken));
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        _apis.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GovernedApis.ChatAsync(newClient, "revoked")).StatusCode);
        using var rotateRevoked = await _admin.PostAsync($"/admin/keys/{id}/rotate", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, rotateRevoked.StatusCode);
        Assert.Equal("key_revoked", (await GovernedApis.ErrorOf(rotateRevoked)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var expiresAt = _apis.Time.GetUtcNow().ToUnixTimeSeconds() + 60;
        var (_, secret) = await _apis.CreateKeyAsync($$"""{"name":"brief","expires_at":{{expiresAt}}}""");
        using var client = GovernedApis.Client(_apis.Second, secret);
        Assert.Equal(HttpStatusCode.OK, (await GovernedApis.ChatAsync(client, "in time")).StatusCode);

        _apis.Time.Advance(TimeSpan.FromSeconds(60));
        using var refused = await GovernedApis.ChatAsync(client, "too late");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("expired", (await GovernedApis.ErrorOf(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/admin/keys/key_000000000000")]
    [InlineData("GET", "/admin/keys/not-a-key")]
    [InlineData("PATCH", "/admin/keys/key_000000000000")]
    [InlineData("POST", "/admin/keys/key_000000000000/rotate")]
    [InlineData("DELETE", "/admin/keys/key_000000000000")]
    public async Task Answers_404_for_unknown_keys(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path, method == "PATCH" ? """{"name":"x"}""" : null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("key_not_found", (await GovernedApis.ErrorOf(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"name":"x","rpm":-1}""", "rpm")]
    [InlineData("""{"name":"x","rpm":"ten"}""", "rpm")]
    [InlineData("""{"name":"x","tpm":0}""", "tpm")]
    [InlineData("""{"name":"x","max_concurrent_streams":0}""", "max_concurrent_streams")]
    [InlineData("""{"name":"x","budget":{"tokens":5,"period":"week"}}""", "budget.period")]
    [InlineData("""{"name":"x","budget":{"period":"day"}}""", "budget")]
    [InlineData("""{"name":"x","budget":{"usd":-2,"period":"day"}}""", "budget.usd")]
    [InlineData("""{"name":"x","budget":{"tokens":5,"period":"day","currency":"eur"}}""", "budget.currency")]
    [InlineData("""{"name":"x","expires_at":1}""", "expires_at")]
    [InlineData("""{"name":"x","models":["ok",1]}""", "models[1]")]
    [InlineData("""{"name":"x","metadata":{"a":1}}""", "metadata.a")]
    [InlineData("""{"name":"x","colour":"red"}""", "colour")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"rpm":5}""", "name")]
    public async Task Refuses_bad_keys_with_400_naming_the_field(string body, string param)
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/keys", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await GovernedApis.ErrorOf(response)).GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("""{"name":"x","rpm":1e30}""", "rpm", "invalid_value")]
    [InlineData("""{"name":"x","rpm":1e400}""", "rpm", "invalid_value")]
    [InlineData("""{"name":"x","rpm":-1e30}""", "rpm", "invalid_value")]
    [InlineData("""{"name":"x","rpm":2.5}""", "rpm", "invalid_type")]
    [InlineData("""{"name":"x","max_concurrent_streams":1e7}""", "max_concurrent_streams", "invalid_value")]
    [InlineData("""{"name":"x","expires_at":1e30}""", "expires_at", "invalid_value")]
    [InlineData("""{"name":"x","expires_at":1.5}""", "expires_at", "invalid_type")]
    [InlineData("""{"name":"x","budget":{"usd":1e300,"period":"day"}}""", "budget.usd", "invalid_value")]
    public async Task Refuses_a_number_out_of_range_as_a_value_and_a_fraction_as_a_type(string body, string param, string code)
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/keys", body);

        var error = await GovernedApis.ErrorOf(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((param, code), (error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Reads_a_whole_number_written_with_an_exponent_or_a_fraction_of_zero()
    {
        using var exponent = await SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","rpm":1e3}""");
        using var fraction = await SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","tpm":250.0}""");

        Assert.Equal(1000, (await JsonAsync(exponent)).GetProperty("rpm").GetInt64());
        Assert.Equal(250, (await JsonAsync(fraction)).GetProperty("tpm").GetInt64());
    }

    [Fact]
    public async Task Refuses_oversized_metadata()
    {
        var pairs = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\""));

        using var tooMany = await SendAsync(HttpMethod.Post, "/admin/keys", "{\"name\":\"x\",\"metadata\":{" + pairs + "}}");
        using var tooLong = await SendAsync(HttpMethod.Post, "/admin/keys", "{\"name\":\"x\",\"metadata\":{\"k\":\"" + new string('v', 513) + "\"}}");

        Assert.Equal("metadata", (await GovernedApis.ErrorOf(tooMany)).GetProperty("param").GetString());
        Assert.Equal("metadata.k", (await GovernedApis.ErrorOf(tooLong)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Says_where_a_body_stops_being_json()
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/keys", """{"name":"x","rpm":}""");

        var error = await GovernedApis.ErrorOf(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
        Assert.Contains("BytePositionInLine: 18", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_body_whatever_its_content_type_says()
    {
        // curl's -d sends a form's content type unless told otherwise; the chat endpoint reads such a body too.
        using var response = await _admin.PostAsync("/admin/keys",
            new StringContent("""{"name":"sent as a form"}""", Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("sent as a form", (await JsonAsync(response)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Refuses_a_body_over_its_limit_and_closes_the_connection()
    {
        var owner = new string('a', OpenChat.Api.Auth.ManagedKeyRequestReader.MaxBodyBytes);

        using var response = await SendAsync(HttpMethod.Post, "/admin/keys", $$"""{"name":"x","owner":"{{owner}}"}""");

        var error = await GovernedApis.ErrorOf(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Contains($"({OpenChat.Api.Auth.ManagedKeyRequestReader.MaxBodyBytes} bytes)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.ConnectionClose);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?after=nonsense", "after")]
    public async Task Refuses_bad_paging_with_400(string query, string param)
    {
        using var response = await _admin.GetAsync("/admin/keys" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await GovernedApis.ErrorOf(response)).GetProperty("param").GetString());
    }

    [Fact]
    public async Task Only_admin_keys_may_manage_keys()
    {
        var (_, secret) = await _apis.CreateKeyAsync("""{"name":"not an admin"}""");
        using var managed = GovernedApis.Client(_apis.First, secret);
        using var configured = GovernedApis.Client(_apis.First, ApiTestHost.GatewayKey);

        using var byManaged = await managed.GetAsync("/admin/keys", TestContext.Current.CancellationToken);
        using var byConfigured = await configured.PostAsJsonAsync("/admin/keys", new { name = "mine" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, byManaged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byConfigured.StatusCode);
        Assert.Equal("insufficient_permissions", (await GovernedApis.ErrorOf(byConfigured)).GetProperty("code").GetString());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _admin.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    private static List<string> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(key => key.GetProperty("id").GetString()!)];
}
