using OpenChat.Api.Errors;

namespace OpenChat.Api.Completions;

/// <summary>
/// The answer of an <see cref="ICompletionAdmission"/>: a refusal or a grant, and the rate-limit headers the
/// client gets either way. A grant may hold a concurrency slot until it is disposed, when the completion ends.
/// </summary>
internal abstract class CompletionAdmission : IDisposable
{
    /// <summary>The error the client gets when the request is refused; null when it is admitted.</summary>
    public abstract ApiError? Refusal { get; }

    /// <summary>Writes the <c>x-ratelimit-*</c> headers that describe the caller's limits after this request.</summary>
    public abstract void WriteHeaders(IHeaderDictionary headers);

    public abstract void Dispose();
}
