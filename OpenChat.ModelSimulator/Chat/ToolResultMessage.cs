namespace OpenChat.ModelSimulator.Chat;

/// <summary>A tool's answer in the conversation, with the name of the tool that gave it.</summary>
public sealed record ToolResultMessage(string Name, string Content);
