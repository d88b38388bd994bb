namespace OpenChat.Tools.Mcp.Federation;

/// <summary>Not an <see cref="IOException"/>: the MCP client reads a broken event stream as a dropped connection.</summary>
internal sealed class ResponseTooLargeException(int maxBytes)
    : Exception($"The MCP server sent more than {maxBytes} bytes in one answer.");
