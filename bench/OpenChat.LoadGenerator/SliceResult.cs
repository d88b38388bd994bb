namespace OpenChat.LoadGenerator;

internal sealed record SliceResult(IReadOnlyList<StreamResult> Streams, TimeSpan Elapsed);
