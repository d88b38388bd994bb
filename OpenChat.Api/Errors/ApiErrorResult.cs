namespace OpenChat.Api.Errors;

/// <summary>An <see cref="IResult"/> that answers with an <see cref="ApiError"/> and its status.</summary>
internal sealed class ApiErrorResult(ApiError error) : IResult
{
    public ApiError Error => error;

    public Task ExecuteAsync(HttpContext httpContext) => httpContext.Response.WriteApiErrorAsync(error);
}
