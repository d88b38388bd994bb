using System.Text;
using System.Text.Json.Nodes;
using OpenChat.Api.Buffers;
using OpenChat.Api.Relay;
using OpenChat.Api.Tools;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Relay;

public sealed class UpstreamBodyWriterTests
{
    [Fact]
    public void Copies_unknown_fields_byte_for_byte_and_replaces_the_model()
    {
        var body = Write("""{"model":"alias","temperature":0.70,"metadata":{"k":"v\u00e9"},"messages":[{"role":"user","content":"hi"}]}""",
            new UpstreamBodyPlan("gpt-4o-mini", ServerToolSet.Empty, [], RequestUsage: false, ForbidToolCalls: false));

        Assert.Equal("""{"model":"gpt-4o-mini","temperature":0.70,"metadata":{"k":"v\u00e9"},"messages":[{"role":"user","content":"hi"}]}""", body);
    }

    [Fact]
    public void Appends_server_tools_after_the_clients_tools_and_forces_usage()
    {
        var body = JsonNode.Parse(Write(
            """{"model":"m","stream":true,"stream_options":{"include_usage":false,"other":1},"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"mine"}}]}""",
            new UpstreamBodyPlan("m", ParsedRequests.Calculate, [], RequestUsage: true, ForbidToolCalls: false)))!;

        Assert.Equal(["mine", "calculate"], body["tools"]!.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()));
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal(1, body["stream_options"]!["other"]!.GetValue<int>());
    }

    [Fact]
    public void Adds_tools_model_and_usage_when_the_client_sent_none()
    {
        var body = JsonNode.Parse(Write("""{"messages":[{"role":"user","content":"hi"}],"stream":true}""",
            new UpstreamBodyPlan("m", ParsedRequests.Calculate, [], RequestUsage: true, ForbidToolCalls: false)))!;

        Assert.Equal("m", body["model"]!.GetValue<string>());
        Assert.Single(body["tools"]!.AsArray());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void Appends_tool_round_messages_and_forbids_tools_in_a_last_round()
    {
        var body = JsonNode.Parse(Write("""{"model":"m","tool_choice":"auto","messages":[{"role":"user","content":"hi"}]}""",
            new UpstreamBodyPlan("m", ParsedRequests.Calculate, ["""{"role":"assistant","content":null}"""u8.ToArray(), """{"role":"tool","tool_call_id":"c","content":"4"}"""u8.ToArray()],
                RequestUsage: false, ForbidToolCalls: true)))!;

        Assert.Equal(["user", "assistant", "tool"], body["messages"]!.AsArray().Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal("none", body["tool_choice"]!.GetValue<string>());
    }

    [Fact]
    public void Offers_server_tools_as_legacy_functions_to_legacy_clients()
    {
        var body = JsonNode.Parse(Write("""{"model":"m","messages":[{"role":"user","content":"hi"}],"functions":[{"name":"mine"}]}""",
            new UpstreamBodyPlan("m", ParsedRequests.Calculate, [], RequestUsage: false, ForbidToolCalls: true)))!;

        Assert.Equal(["mine", "calculate"], body["functions"]!.AsArray().Select(function => function!["name"]!.GetValue<string>()));
        Assert.Equal("none", body["function_call"]!.GetValue<string>());
        Assert.Null(body["tools"]);
    }

    private static string Write(string requestJson, UpstreamBodyPlan plan)
    {
        using var request = ParsedRequests.Parse(requestJson);
        using var output = new PooledByteBuffer();
        UpstreamBodyWriter.Write(output, request, plan);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
