using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Auth;

/// <summary>
/// <c>/admin/keys</c>: managed keys, created, read, changed, rotated and revoked by admins at run time. The
/// secret is shown once, in the answer to creation or rotation; Redis keeps only its digest.
/// </summary>
internal static class AdminKeysApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapAdminKeysApi(this RouteGroupBuilder admin)
    {
        var keys = admin.MapGroup("/keys");
        keys.MapPost("/", CreateKey).WithName("CreateKey").WithSummary("Creates a key; the answer holds its secret, shown this once.");
        keys.MapGet("/", ListKeys).WithName("ListKeys").WithSummary("Lists keys in id order.");
        keys.MapGet("/{id}", GetKey).WithName("GetKey").WithSummary("Gets one key.");
        keys.MapPatch("/{id}", UpdateKey).WithName("UpdateKey").WithSummary("Changes a key's name, models, limits, budget, expiry or metadata.");
        keys.MapPost("/{id}/rotate", RotateKey).WithName("RotateKey").WithSummary("Gives a key a new secret; the old one stops working.");
        keys.MapDelete("/{id}", RevokeKey).WithName("RevokeKey").WithSummary("Revokes a key.");
        return admin;
    }

    public static async Task<Results<JsonHttpResult<ManagedKeyView>, ApiErrorResult>> CreateKey(
        HttpRequest request, ManagedKeyStore store, TimeProvider timeProvider, ILogger<ManagedKeyStore> logger)
    {
        var now = timeProvider.GetUtcNow();
        ManagedKeyChanges changes;
        try
        {
            changes = await ManagedKeyRequestReader.ReadAsync(request, now, creating: true);
        }
        catch (ApiErrorException exception)
        {
            return new ApiErrorResult(exception.Error);
        }

        var secret = ManagedKeySecrets.NewSecret();
        var key = changes.ApplyTo(new ManagedKey
        {
            Id = ManagedKeySecrets.NewId(),
            Name = "",
            CreatedAt = now.ToUnixTimeSeconds(),
            Digest = KeyDigest.Of(secret).ToHex(),
            Hint = secret[^4..],
        });

        // 48 random bits make a clash unlikely, not impossible.
        while (!await store.CreateAsync(key))
        {
            key = key with { Id = ManagedKeySecrets.NewId() };
        }

        AuthLog.KeyChanged(logger, key.Id, "created");
        return TypedResults.Json(ManagedKeyView.Of(key, secret), ManagedKeyApiJsonContext.Default.ManagedKeyView, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<Results<JsonHttpResult<ManagedKeyList>, ApiErrorResult>> ListKeys(ManagedKeyStore store, string? limit = null, string? after = null)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return new ApiErrorResult(ApiError.InvalidValue($"limit must be a whole number from 1 to {MaxLimit}.", "limit"));
        }

        if (after is not null && !KeyIds.IsWellFormed(after))
        {
            return new ApiErrorResult(ApiError.InvalidValue("after must be a key id such as the last_id of the previous page.", "after"));
        }

        var (keys, hasMore) = await store.ListAsync(after, count);
        var views = keys.Select(key => ManagedKeyView.Of(key)).ToList();
        return TypedResults.Json(new ManagedKeyList(views, views.FirstOrDefault()?.Id, views.LastOrDefault()?.Id, hasMore),
            ManagedKeyApiJsonContext.Default.ManagedKeyList);
    }

    public static async Task<Results<JsonHttpResult<ManagedKeyView>, ApiErrorResult>> GetKey(string id, ManagedKeyStore store) =>
        await FindAsync(id, store) is { } key ? View(key) : NotFound(id);

    public static async Task<Results<JsonHttpResult<ManagedKeyView>, ApiErrorResult>> UpdateKey(
        string id, HttpRequest request, ManagedKeyStore store, TimeProvider timeProvider, ILogger<ManagedKeyStore> logger)
    {
        ManagedKeyChanges changes;
        try
        {
            // The body first, whatever the id: its errors say what to mend in it, and it is read whole either way.
            changes = await ManagedKeyRequestReader.ReadAsync(request, timeProvider.GetUtcNow(), creating: false);
        }
        catch (ApiErrorException exception)
        {
            return new ApiErrorResult(exception.Error);
        }

        if (await FindAsync(id, store) is not { } key)
        {
            return NotFound(id);
        }

        key = changes.ApplyTo(key);

        await store.SaveAsync(key);
        AuthLog.KeyChanged(logger, key.Id, "updated");
        return View(key);
    }

    public static async Task<Results<JsonHttpResult<ManagedKeyView>, ApiErrorResult>> RotateKey(string id, ManagedKeyStore store, ILogger<ManagedKeyStore> logger)
    {
        if (await FindAsync(id, store) is not { } key)
        {
            return NotFound(id);
        }

        if (key.IsRevoked)
        {
            return new ApiErrorResult(ApiError.InvalidRequest($"The key '{id}' is revoked; create a new key instead.", "id", "key_revoked"));
        }

        var secret = ManagedKeySecrets.NewSecret();
        var rotated = key with { Digest = KeyDigest.Of(secret).ToHex(), Hint = secret[^4..] };
        await store.SaveAsync(rotated, replacedDigest: key.Digest);
        AuthLog.KeyChanged(logger, key.Id, "rotated");
        return TypedResults.Json(ManagedKeyView.Of(rotated, secret), ManagedKeyApiJsonContext.Default.ManagedKeyView);
    }

    public static async Task<Results<JsonHttpResult<ManagedKeyView>, ApiErrorResult>> RevokeKey(string id, ManagedKeyStore store, ILogger<ManagedKeyStore> logger)
    {
        if (await FindAsync(id, store) is not { } key)
        {
            return NotFound(id);
        }

        if (!key.IsRevoked)
        {
            key = key with { Status = ManagedKeyStatus.Revoked };
            await store.SaveAsync(key);
            AuthLog.KeyChanged(logger, key.Id, "revoked");
        }

        return View(key);
    }

    private static async Task<ManagedKey?> FindAsync(string id, ManagedKeyStore store) =>
        KeyIds.IsWellFormed(id) ? await store.GetAsync(id) : null;

    private static JsonHttpResult<ManagedKeyView> View(ManagedKey key) =>
        TypedResults.Json(ManagedKeyView.Of(key), ManagedKeyApiJsonContext.Default.ManagedKeyView);

    private static ApiErrorResult NotFound(string id) => new(ApiError.NotFound($"No key found with id '{id}'.", "key_not_found", "id"));
}
