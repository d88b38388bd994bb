namespace OpenChat.Api.Errors;

/// <summary>
/// Carries an <see cref="ApiError"/> from where a request fails (parsing, model resolution, the upstream call)
/// to the code that answers the client with it.
/// </summary>
internal sealed class ApiErrorException(ApiError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public ApiError Error => error;
}
