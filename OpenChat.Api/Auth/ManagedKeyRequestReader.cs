using System.Text.Json;
using OpenChat.Api.Errors;
using OpenChat.Api.RequestBodies;

namespace OpenChat.Api.Auth;

/// <summary>
/// Reads the body of <c>POST /admin/keys</c> and <c>PATCH /admin/keys/{id}</c>. Anything it cannot use is a 400
/// whose <c>param</c> names the field: unknown fields, wrong types, limits below one, an unknown budget period,
/// an expiry in the past, metadata over its bounds; a body that is not a JSON object is refused as the chat
/// endpoint refuses one (<see cref="RequestJson"/>), and one over <see cref="MaxBodyBytes"/> with a 413.
/// </summary>
internal static class ManagedKeyRequestReader
{
    /// <summary>The largest body the fields' own bounds allow, every character escaped, fits with room to spare.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MaxNameLength = 256;
    public const int MaxModels = 256;
    public const int MaxMetadataPairs = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;

    public static async Task<ManagedKeyChanges> ReadAsync(HttpRequest request, DateTimeOffset now, bool creating)
    {
        using var body = await RequestBodyReader.ReadAsync(request, MaxBodyBytes, request.HttpContext.RequestAborted);
        using var document = RequestJson.Parse(body.WrittenMemory, default, "a JSON object of the key's fields");
        try
        {
            return Read(document.RootElement, now, creating);
        }
        catch (InvalidOperationException)
        {
            throw new ApiErrorException(RequestJson.LoneSurrogate);
        }
    }

    private static ManagedKeyChanges Read(JsonElement body, DateTimeOffset now, bool creating)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ApiErrorException(ApiError.InvalidJson("The request body must be a JSON object."));
        }

        var changes = new ManagedKeyChanges();
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name":
                    changes.Name = new(true, BoundedString(value, "name", MaxNameLength, nullable: false));
                    break;
                case "owner":
                    changes.Owner = new(true, BoundedString(value, "owner", MaxNameLength, nullable: true));
                    break;
                case "models":
                    changes.Models = new(true, ReadModels(value));
                    break;
                case "rpm":
                    changes.Rpm = new(true, PositiveInteger(value, "rpm", long.MaxValue));
                    break;
                case "tpm":
                    changes.Tpm = new(true, PositiveInteger(value, "tpm", long.MaxValue));
                    break;
                case "max_concurrent_streams":
                    changes.MaxConcurrentStreams = new(true, (int?)PositiveInteger(value, "max_concurrent_streams", 1_000_000));
                    break;
                case "budget":
                    changes.Budget = new(true, ReadBudget(value));
                    break;
                case "expires_at":
                    changes.ExpiresAt = new(true, ReadExpiry(value, now));
                    break;
                case "metadata":
                    changes.Metadata = new(true, ReadMetadata(value));
                    break;
                default:
                    throw new ApiErrorException(ApiError.UnknownParameter(property.Name));
            }
        }

        if (creating && !changes.Name.IsSet)
        {
            throw new ApiErrorException(ApiError.MissingParameter("name"));
        }

        return changes;
    }

    private static string? BoundedString(JsonElement value, string param, int maxLength, bool nullable)
    {
        if (value.ValueKind == JsonValueKind.Null && nullable)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(param, nullable ? "a string or null" : "a string", value);
        }

        var text = value.GetString()!;
        return text.Length > maxLength || string.IsNullOrWhiteSpace(text)
            ? throw Invalid($"Invalid '{param}': expected 1 to {maxLength} characters.", param)
            : text;
    }

    private static List<string>? ReadModels(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType("models", "an array of model names or null", value);
        }

        if (value.GetArrayLength() > MaxModels)
        {
            throw Invalid($"Invalid 'models': at most {MaxModels} names.", "models");
        }

        var models = new List<string>();
        var index = 0;
        foreach (var model in value.EnumerateArray())
        {
            models.Add(BoundedString(model, $"models[{index++}]", MaxNameLength, nullable: false)!);
        }

        return models;
    }

    private static long? PositiveInteger(JsonElement value, string param, long max)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!IsWholeNumber(value, out var number))
        {
            throw WrongType(param, "an integer or null", value);
        }

        return number is { } whole && whole >= 1 && whole <= max
            ? whole
            : throw Invalid($"Invalid '{param}': expected an integer from 1 to {max}, or null for the default.", param);
    }

    private static ManagedKeyBudget? ReadBudget(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType("budget", "an object or null", value);
        }

        long? tokens = null;
        decimal? usd = null;
        string? period = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "tokens":
                    tokens = PositiveInteger(property.Value, "budget.tokens", long.MaxValue / 2);
                    break;
                case "usd":
                    usd = ReadUsd(property.Value);
                    break;
                case "period":
                    period = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : throw WrongType("budget.period", "a string", property.Value);
                    break;
                default:
                    throw new ApiErrorException(ApiError.UnknownParameter($"budget.{property.Name}"));
            }
        }

        if (period is not (ManagedKeyBudget.Day or ManagedKeyBudget.Month))
        {
            throw Invalid("Invalid 'budget.period': expected \"day\" or \"month\".", "budget.period");
        }

        return tokens is null && usd is null
            ? throw Invalid("Invalid 'budget': set 'tokens', 'usd' or both, or send null for no budget.", "budget")
            : new ManagedKeyBudget(tokens, usd, period);
    }

    private static decimal? ReadUsd(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType("budget.usd", "a number or null", value);
        }

        // A billion dollars keeps the spend, in nano-dollars, well inside what Redis counts exactly; a number beyond
        // a decimal's range or precision (1e300, 1e-30) is outside that too.
        return !value.TryGetDecimal(out var usd) || usd is <= 0 or > 1_000_000_000
            ? throw Invalid("Invalid 'budget.usd': expected an amount above 0 and at most 1000000000.", "budget.usd")
            : usd;
    }

    private static long? ReadExpiry(JsonElement value, DateTimeOffset now)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!IsWholeNumber(value, out var seconds))
        {
            throw WrongType("expires_at", "whole Unix seconds or null", value);
        }

        return seconds is { } whole && whole > now.ToUnixTimeSeconds() && whole <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? whole
            : throw Invalid("Invalid 'expires_at': expected a time in the future, in Unix seconds.", "expires_at");
    }

    private static Dictionary<string, string>? ReadMetadata(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType("metadata", "an object of strings or null", value);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in value.EnumerateObject())
        {
            if (metadata.Count == MaxMetadataPairs)
            {
                throw Invalid($"Invalid 'metadata': at most {MaxMetadataPairs} pairs.", "metadata");
            }

            if (pair.Name.Length is 0 or > MaxMetadataKeyLength)
            {
                throw Invalid($"Invalid 'metadata': keys have 1 to {MaxMetadataKeyLength} characters.", "metadata");
            }

            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw WrongType($"metadata.{pair.Name}", "a string", pair.Value);
            }

            var text = pair.Value.GetString()!;
            metadata[pair.Name] = text.Length <= MaxMetadataValueLength
                ? text
                : throw Invalid($"Invalid 'metadata.{pair.Name}': at most {MaxMetadataValueLength} characters.", $"metadata.{pair.Name}");
        }

        return metadata;
    }

    /// <summary>
    /// Whether the value is a whole number, written as 1000 or 1e3, and which: null for one beyond a long (1e30, or
    /// 1e400, beyond even a double), the right kind of value out of every range, where 2.5 is the wrong kind.
    /// </summary>
    private static bool IsWholeNumber(JsonElement value, out long? number)
    {
        number = null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt64(out var exact))
        {
            number = exact;
            return true;
        }

        if (!value.TryGetDouble(out var approximate))
        {
            return true;
        }

        if (approximate is >= long.MinValue and < long.MaxValue)
        {
            number = (long)approximate;
        }

        return Math.Floor(approximate) == approximate;
    }

    private static ApiErrorException Invalid(string message, string param) => new(ApiError.InvalidValue(message, param));

    private static ApiErrorException WrongType(string param, string expected, JsonElement actual) =>
        new(ApiError.WrongType(param, expected, actual.ValueKind));
}
