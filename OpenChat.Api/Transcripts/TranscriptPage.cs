namespace OpenChat.Api.Transcripts;

/// <summary>One page of a listing, newest first.</summary>
internal sealed record TranscriptPage(IReadOnlyList<StoredTranscript> Transcripts, bool HasMore);
