using System.Text;
using OpenChat.Api.Buffers;
using OpenChat.Api.Completions;
using OpenChat.Api.Requests;
using OpenChat.Api.Tools;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>Chat requests parsed as the gateway parses them, and a server tool to offer beside them.</summary>
internal static class ParsedRequests
{
    /// <summary>One server tool, <c>calculate</c>, as OpenChat.Tools describes it.</summary>
    public static ServerToolSet Calculate { get; } = new([
        new ServerToolDefinition("calculate",
            """{"type":"function","function":{"name":"calculate","parameters":{}}}"""u8.ToArray(),
            """{"name":"calculate","parameters":{}}"""u8.ToArray()),
    ]);

    public static ChatRequest Parse(string json)
    {
        var buffer = new PooledByteBuffer();
        buffer.Write(Encoding.UTF8.GetBytes(json));
        return ChatRequestParser.Parse(buffer);
    }
}
