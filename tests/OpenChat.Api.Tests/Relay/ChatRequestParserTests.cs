using OpenChat.Api.Errors;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Relay;

public sealed class ChatRequestParserTests
{
    [Fact]
    public void Reads_the_fields_the_gateway_acts_on()
    {
        using var request = ParsedRequests.Parse("""
            {"model":"m","stream":true,"stream_options":{"include_usage":true},"n":1,"tool_choice":"none",
             "messages":[{"role":"user","content":"hi"}],
             "tools":[{"type":"function","function":{"name":"get_weather"}},{"type":"custom","custom":{"name":"x"}}]}
            """);

        Assert.Equal("m", request.Model);
        Assert.True(request.Stream);
        Assert.True(request.ClientWantsUsage);
        Assert.True(request.ToolChoiceNone);
        Assert.False(request.UsesLegacyFunctions);
        Assert.Equal(["get_weather"], request.ClientToolNames);
    }

    [Fact]
    public void Reads_legacy_functions()
    {
        using var request = ParsedRequests.Parse("""{"model":"m","messages":[{"role":"user","content":"hi"}],"functions":[{"name":"f"}],"function_call":"none"}""");

        Assert.True(request.UsesLegacyFunctions);
        Assert.True(request.ToolChoiceNone);
        Assert.Equal(["f"], request.ClientToolNames);
    }

    [Theory]
    [InlineData("", null, "empty")]
    [InlineData("{not json", null, "could not parse")]
    [InlineData("[1]", null, "JSON object")]
    [InlineData("""{"model":"m"}""", "messages", "Missing required parameter: 'messages'")]
    [InlineData("""{"model":"m","messages":{}}""", "messages", "expected an array")]
    [InlineData("""{"model":"m","messages":[]}""", "messages", "empty array")]
    [InlineData("""{"model":"m","messages":["hi"]}""", "messages[0]", "expected an object")]
    [InlineData("""{"model":"m","messages":[{"content":"hi"}]}""", "messages[0].role", "role")]
    [InlineData("""{"model":5,"messages":[{"role":"user"}]}""", "model", "expected a string, but got a number")]
    [InlineData("""{"model":"m","stream":"yes","messages":[{"role":"user"}]}""", "stream", "expected a boolean")]
    [InlineData("""{"model":"m","stream_options":{"include_usage":1},"messages":[{"role":"user"}]}""", "stream_options.include_usage", "expected a boolean")]
    [InlineData("""{"model":"m","tools":{},"messages":[{"role":"user"}]}""", "tools", "expected an array")]
    [InlineData("""{"model":"m","tools":[{"type":"function","function":{}}],"messages":[{"role":"user"}]}""", "tools[0].function.name", "name")]
    [InlineData("""{"model":"m","n":0,"messages":[{"role":"user"}]}""", "n", "at least 1")]
    [InlineData("""{"model":"m","messages":[{"role":"user","\ud800 name":1}]}""", null, "lone surrogate")]
    public void Rejects_what_it_cannot_relay_with_a_precise_400(string body, string? param, string messagePart)
    {
        var exception = Assert.Throws<ApiErrorException>(() => ParsedRequests.Parse(body));

        Assert.Equal(400, exception.Error.Status);
        Assert.Equal(ErrorTypes.InvalidRequest, exception.Error.Type);
        Assert.Equal(param, exception.Error.Param);
        Assert.Contains(messagePart, exception.Error.Message, StringComparison.Ordinal);
    }
}
