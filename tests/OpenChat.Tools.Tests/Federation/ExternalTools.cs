using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace OpenChat.Tools.Tests.Federation;

/// <summary>The tools the external MCP servers of these tests offer, made with the official SDK as a team would.</summary>
internal static class ExternalTools
{
    public const string ForecastDescription = "The weather forecast for a city.";

    public static McpServerTool Forecast() => McpServerTool.Create(
        ([Description("The city, for example \"Lyon\".")] string city, [Description("Days ahead, 1 to 7.")] int days) =>
            new ForecastAnswer(city, days, "sunny"),
        new McpServerToolCreateOptions { Name = "forecast", Description = ForecastDescription, UseStructuredContent = true });

    /// <summary>Answers <c>isError</c> with a message, as a tool reports a request it cannot carry out.</summary>
    public static McpServerTool Flood() => McpServerTool.Create(
        (string city) => new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = $"{city} is under water; no forecast today." }],
        },
        new McpServerToolCreateOptions { Name = "flood", Description = "Always fails." });

    /// <summary>Answers a text of the given length.</summary>
    public static McpServerTool Text() => McpServerTool.Create(
        (int length) => new string('x', length),
        new McpServerToolCreateOptions { Name = "text", Description = "Answers that many characters." });

    public static McpServerTool Named(string name, string answer) => McpServerTool.Create(
        () => answer,
        new McpServerToolCreateOptions { Name = name, Description = $"Answers '{answer}'." });

    public sealed record ForecastAnswer(string City, int Days, string Sky);
}
