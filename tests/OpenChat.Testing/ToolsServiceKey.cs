namespace OpenChat.Testing;

/// <summary>The service key the test hosts give the Tools service and the Api (<c>OpenChat:Tools:ServiceKey</c>).</summary>
public static class ToolsServiceKey
{
    public const string Value = "test-tools-service-key-0123456789";

    /// <summary>The Tools service's settings: without a key it refuses to start.</summary>
    public static Dictionary<string, string?> Settings() => new() { ["OpenChat:Tools:ServiceKey"] = Value };
}
