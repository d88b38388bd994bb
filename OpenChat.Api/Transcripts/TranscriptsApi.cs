using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;

namespace OpenChat.Api.Transcripts;

/// <summary>
/// Reading transcripts: one by id, a page of the newest, and deletion. A gateway key sees only its own; an
/// admin key sees all. Another key's transcript answers 404, exactly as a missing one, so ids reveal nothing.
/// </summary>
internal static class TranscriptsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapTranscriptsApi(this RouteGroupBuilder v1)
    {
        var transcripts = v1.MapGroup("/transcripts");
        transcripts.MapGet("/", ListTranscripts).WithName("ListTranscripts").WithSummary("Lists transcripts, newest first.");
        transcripts.MapGet("/{id}", GetTranscript).WithName("GetTranscript").WithSummary("Gets one transcript.");
        transcripts.MapDelete("/{id}", DeleteTranscript).WithName("DeleteTranscript").WithSummary("Deletes one transcript.");
        return v1;
    }

    public static async Task<Results<FileContentHttpResult, ApiErrorResult>> GetTranscript(string id, ClaimsPrincipal user, TranscriptStore store)
    {
        var transcript = await FindAsync(id, GatewayCaller.From(user), store);
        return transcript is null ? NotFound(id) : TypedResults.File(transcript.Json, "application/json");
    }

    public static async Task<Results<JsonHttpResult<TranscriptDeletion>, ApiErrorResult>> DeleteTranscript(string id, ClaimsPrincipal user, TranscriptStore store)
    {
        var transcript = await FindAsync(id, GatewayCaller.From(user), store);
        if (transcript is null || !await store.DeleteAsync(transcript))
        {
            return NotFound(id);
        }

        return TypedResults.Json(new TranscriptDeletion(id), TranscriptApiJsonContext.Default.TranscriptDeletion);
    }

    public static async Task<Results<PushStreamHttpResult, ApiErrorResult>> ListTranscripts(ClaimsPrincipal user, TranscriptStore store, string? limit = null, string? before = null)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return new ApiErrorResult(ApiError.InvalidValue($"limit must be a whole number from 1 to {MaxLimit}.", "limit"));
        }

        if (before is not null && !CompletionIds.IsWellFormed(before))
        {
            return new ApiErrorResult(ApiError.InvalidValue("before must be a transcript id such as the last_id of the previous page.", "before"));
        }

        var caller = GatewayCaller.From(user);
        var page = await store.ListAsync(caller.IsAdmin ? null : caller.KeyId, before, count);
        return TypedResults.Stream(body => WriteListAsync(body, page), "application/json");
    }

    private static async Task<StoredTranscript?> FindAsync(string id, GatewayCaller caller, TranscriptStore store)
    {
        if (!CompletionIds.IsWellFormed(id))
        {
            return null;
        }

        var transcript = await store.GetAsync(id);
        return transcript is not null && (caller.IsAdmin || transcript.KeyId == caller.KeyId) ? transcript : null;
    }

    private static ApiErrorResult NotFound(string id) =>
        new(ApiError.NotFound($"No transcript found with id '{id}'.", "transcript_not_found", "id"));

    /// <summary>OpenAI's list shape, with each transcript's stored JSON written as it is.</summary>
    private static async Task WriteListAsync(Stream body, TranscriptPage page)
    {
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list"u8);
        writer.WriteStartArray("data"u8);
        foreach (var transcript in page.Transcripts)
        {
            writer.WriteRawValue(transcript.Json, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteString("first_id"u8, page.Transcripts.Count > 0 ? page.Transcripts[0].Id : null);
        writer.WriteString("last_id"u8, page.Transcripts.Count > 0 ? page.Transcripts[^1].Id : null);
        writer.WriteBoolean("has_more"u8, page.HasMore);
        writer.WriteEndObject();
    }
}
