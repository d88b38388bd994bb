namespace OpenChat.Api.Errors;

/// <summary>
/// Tells the one error path what an exception of a lower layer means to a client (a store that is away is a 503,
/// not a failure of the gateway), so that layer's exceptions need no handling at every endpoint.
/// </summary>
internal interface IExceptionMapper
{
    /// <returns>The error the client gets, or null when the exception is not this mapper's.</returns>
    ApiError? Map(Exception exception);
}
