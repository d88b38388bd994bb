using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Governance;

/// <summary>
/// Usage per key, model and UTC day: <c>GET /v1/usage</c> for the caller's own key, <c>GET /admin/usage</c> for
/// admins, for one key or all.
/// </summary>
internal static class UsageApi
{
    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/usage", GetOwnUsage).WithName("GetOwnUsage").WithSummary("The calling key's usage by model and day.");
        return v1;
    }

    public static RouteGroupBuilder MapAdminUsageApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/usage", GetUsage).WithName("GetUsage").WithSummary("Usage by key, model and day, of one key or all.");
        return admin;
    }

    public static Task<Results<JsonHttpResult<UsageList>, ApiErrorResult>> GetOwnUsage(
        ClaimsPrincipal user, UsageStore store, IOptions<GovernanceOptions> options, TimeProvider timeProvider, string? start = null, string? end = null) =>
        ReadAsync(GatewayCaller.From(user).KeyId, start, end, store, options.Value, timeProvider);

    public static Task<Results<JsonHttpResult<UsageList>, ApiErrorResult>> GetUsage(
        UsageStore store, IOptions<GovernanceOptions> options, TimeProvider timeProvider,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "key_id")] string? keyId = null, string? start = null, string? end = null) =>
        keyId is not null && !KeyIds.IsWellFormed(keyId)
            ? Task.FromResult<Results<JsonHttpResult<UsageList>, ApiErrorResult>>(new ApiErrorResult(ApiError.InvalidValue("key_id must be a key id such as key_0123456789ab.", "key_id")))
            : ReadAsync(keyId, start, end, store, options.Value, timeProvider);

    private static async Task<Results<JsonHttpResult<UsageList>, ApiErrorResult>> ReadAsync(
        string? keyId, string? start, string? end, UsageStore store, GovernanceOptions options, TimeProvider timeProvider)
    {
        UsageRange range;
        try
        {
            range = UsageRange.Parse(start, end, timeProvider.GetUtcNow(), options.MaxUsageDays);
        }
        catch (ApiErrorException exception)
        {
            return new ApiErrorResult(exception.Error);
        }

        var rows = await store.ReadAsync(keyId, range);
        return TypedResults.Json(new UsageList(Date(range.First), Date(range.Last), rows), UsageJsonContext.Default.UsageList);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
