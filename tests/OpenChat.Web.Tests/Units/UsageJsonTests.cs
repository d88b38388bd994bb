using System.Text.Json;
using OpenChat.Web.Admin;

namespace OpenChat.Web.Tests.Units;

public sealed class UsageJsonTests
{
    [Fact]
    public void Rows_are_read_from_the_list_the_usage_endpoints_answer_with()
    {
        var rows = UsageJson.Read(JsonDocument.Parse("""
            {"start_date":"2030-01-01","end_date":"2030-01-02","data":[
              {"key_id":"key_0123456789ab","date":"2030-01-02","model":"gpt-4o-mini","requests":3,"input_tokens":30,"output_tokens":12,"cost_usd":0.0015,"refusals":1}
            ]}
            """).RootElement);

        Assert.Equal([new UsageRow(new DateOnly(2030, 1, 2), "key_0123456789ab", "gpt-4o-mini", 3, 30, 12, 0.0015m, 1)], rows);
    }

    [Fact]
    public void Close_variants_of_the_names_and_a_bare_array_read_the_same()
    {
        var rows = UsageJson.Read(JsonDocument.Parse("""
            [{"day":1893542400,"key":"key_0123456789ab","model":"m","request_count":2,"prompt_tokens":5,"completion_tokens":6,"cost":"0.5"}]
            """).RootElement);

        Assert.Equal([new UsageRow(new DateOnly(2030, 1, 2), "key_0123456789ab", "m", 2, 5, 6, 0.5m, 0)], rows);
    }

    [Fact]
    public void Anything_else_is_no_rows() => Assert.Empty(UsageJson.Read(JsonDocument.Parse("""{"object":"error"}""").RootElement));
}
