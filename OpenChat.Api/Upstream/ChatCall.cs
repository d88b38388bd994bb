using OpenChat.Api.Completions;

namespace OpenChat.Api.Upstream;

/// <summary>
/// One round of a completion, as the upstreams are asked it: where it may go, whether it streams, which round it
/// is, the request's messages (for spans that record content), and the list every attempt is added to.
/// </summary>
internal readonly record struct ChatCall(ChatRoute Route, bool Stream, int Round, ReadOnlyMemory<byte> InputMessages, List<UpstreamAttempt> Attempts);
