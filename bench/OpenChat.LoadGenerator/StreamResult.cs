namespace OpenChat.LoadGenerator;

/// <summary>One streamed completion as the client saw it; times in milliseconds.</summary>
internal readonly record struct StreamResult(bool Ok, double TimeToFirstContentMs, double TotalMs);
