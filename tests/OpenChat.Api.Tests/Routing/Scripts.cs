using OpenChat.ModelSimulator.Journal;

namespace OpenChat.Api.Tests.Routing;

/// <summary>Requests that carry a simulator script, and what the simulators' journals saw of them.</summary>
internal static class Scripts
{
    /// <summary>A fresh script id, so each request is found in the journals and no other.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A chat request whose user message is a <c>#sim</c> line with these fields (JSON object members, without braces).</summary>
    public static string Chat(string id, string fields = "", bool stream = true, string model = "gpt-4o-mini") =>
        Infrastructure.SseClient.ChatJson($"#sim {{\"id\":\"{id}\"{(fields.Length > 0 ? "," + fields : "")}}}", stream, model);

    /// <summary>How many requests with this script id reached a simulator.</summary>
    public static int Received(this SimulatorJournal journal, string id) => journal.Entries.Count(entry => entry.ScriptId == id);
}
