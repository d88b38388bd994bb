using System.Text.Json;
using Json.Schema;

namespace OpenChat.Tools.Catalog;

/// <summary>A tool with its schema compiled once, and its OpenAI function definition.</summary>
public sealed record RegisteredTool(IServerTool Tool, JsonSchema Schema, JsonElement Parameters);
