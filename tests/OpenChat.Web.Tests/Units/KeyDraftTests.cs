using System.Text.Json;
using OpenChat.Web.Admin;

namespace OpenChat.Web.Tests.Units;

public sealed class KeyDraftTests
{
    [Fact]
    public void A_new_key_sends_only_the_fields_that_were_filled()
    {
        var draft = new KeyDraft { Name = " search team ", Models = "gpt-4o-mini, gpt-4o", Rpm = " 60", BudgetUsd = "12.5", BudgetPeriod = "day", ExpiresOn = "2030-01-31", Metadata = """{"team":"search"}""" };

        var body = draft.ToJson(forUpdate: false).ToJsonString();

        Assert.Equal(
            """{"name":"search team","models":["gpt-4o-mini","gpt-4o"],"rpm":60,"budget":{"tokens":null,"usd":12.5,"period":"day"},"expires_at":1896134399,"metadata":{"team":"search"}}""",
            body);
    }

    [Fact]
    public void An_update_sends_every_field_so_an_emptied_limit_is_cleared()
    {
        var body = JsonDocument.Parse(new KeyDraft { Name = "k" }.ToJson(forUpdate: true).ToJsonString()).RootElement;

        foreach (var field in new[] { "models", "rpm", "tpm", "max_concurrent_streams", "budget", "expires_at", "metadata" })
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty(field).ValueKind);
        }
    }

    [Theory]
    [InlineData("", "", "", "", "Give the key a name.")]
    [InlineData("k", "0", "", "", "Limits and budgets are positive numbers, or empty for none.")]
    [InlineData("k", "ten", "", "", "Limits and budgets are positive numbers, or empty for none.")]
    [InlineData("k", "", "31/01/2030", "", "The expiry is a date such as 2030-01-31, or empty for none.")]
    [InlineData("k", "", "", "[1,2]", "Metadata is a JSON object of strings, such as {\"team\":\"search\"}.")]
    [InlineData("k", "", "", "{\"n\":1}", "Metadata is a JSON object of strings, such as {\"team\":\"search\"}.")]
    [InlineData("k", "5", "2030-01-31", "{\"team\":\"a\"}", null)]
    public void The_form_says_what_is_wrong_before_anything_is_sent(string name, string rpm, string expiresOn, string metadata, string? problem) =>
        Assert.Equal(problem, new KeyDraft { Name = name, Rpm = rpm, ExpiresOn = expiresOn, Metadata = metadata }.Problem());

    [Fact]
    public void Editing_starts_from_the_key_as_the_api_describes_it()
    {
        var key = JsonSerializer.Deserialize<GatewayKey>(
            """{"id":"key_0123456789ab","name":"ops","models":["gpt-4o"],"rpm":10,"budget":{"tokens":1000,"usd":null,"period":"month"},"expires_at":1896134399,"metadata":{"team":"ops"},"status":"active","created_at":1700000000}""",
            OpenChat.Web.Gateway.GatewayJson.Options)!;

        var draft = KeyDraft.From(key);

        Assert.Equal(("ops", "gpt-4o", "10", "1000", "", "month", "2030-01-31", """{"team":"ops"}"""),
            (draft.Name, draft.Models, draft.Rpm, draft.BudgetTokens, draft.BudgetUsd, draft.BudgetPeriod, draft.ExpiresOn, draft.Metadata));
        Assert.Equal("active", key.State);
    }
}
