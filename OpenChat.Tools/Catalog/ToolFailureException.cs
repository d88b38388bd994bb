namespace OpenChat.Tools.Catalog;

/// <summary>The tool understood the arguments but cannot do what they ask (a bad expression, an unknown zone).</summary>
public sealed class ToolFailureException(string message) : Exception(message);
