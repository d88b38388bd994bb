namespace OpenChat.Web.Gateway;

/// <summary>One message of a playground conversation: <c>system</c>, <c>user</c> or <c>assistant</c>, and its text.</summary>
internal sealed record ChatMessage(string Role, string Content);
