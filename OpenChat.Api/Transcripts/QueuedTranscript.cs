using System.Diagnostics;

namespace OpenChat.Api.Transcripts;

/// <summary>A transcript ready to store: its JSON, serialized when the completion ended, and what the writer needs beside it.</summary>
internal sealed record QueuedTranscript(string Id, string KeyId, ActivityContext TraceContext, byte[] Json);
