namespace OpenChat.Tools.Catalog;

/// <summary>
/// The tool understood the arguments but cannot do what they ask (a bad expression, an unknown time zone). The
/// message goes back to the model as it is, so it says what is wrong in words the model can act on.
/// </summary>
public sealed class ToolFailureException(string message) : Exception(message);
