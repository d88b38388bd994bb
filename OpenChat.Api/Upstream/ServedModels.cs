namespace OpenChat.Api.Upstream;

/// <summary>
/// The models one upstream serves, read from its <c>Models</c> entries: <c>*</c> for any model (asked for by the
/// name the client's request resolves to), an exact name, or <c>client-name=deployment-name</c> where the upstream
/// knows the model by another name.
/// </summary>
internal sealed class ServedModels
{
    public const string Any = "*";

    private ServedModels(bool servesAny, Dictionary<string, string> deployments)
    {
        ServesAny = servesAny;
        Deployments = deployments;
    }

    public bool ServesAny { get; }

    /// <summary>The names it serves, each with the name the upstream is asked for.</summary>
    public IReadOnlyDictionary<string, string> Deployments { get; }

    /// <summary>Reads validated entries (see <see cref="Problem"/>); of a client name listed twice the first wins.</summary>
    public static ServedModels Parse(IEnumerable<string> entries)
    {
        var servesAny = false;
        var deployments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Trim() == Any)
            {
                servesAny = true;
                continue;
            }

            var (client, deployment) = Split(entry);
            deployments.TryAdd(client, deployment);
        }

        return new ServedModels(servesAny, deployments);
    }

    /// <summary>What is wrong with one entry, or null when it is fine.</summary>
    public static string? Problem(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return "must name a model, * for any, or client-name=deployment-name";
        }

        if (entry.Trim() == Any)
        {
            return null;
        }

        var parts = entry.Split('=');
        if (parts.Length > 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return $"\"{entry}\" must be a model name or client-name=deployment-name, with one = and a name on each side";
        }

        return parts.Any(part => part.Contains(Any, StringComparison.Ordinal))
            ? $"\"{entry}\" may use * only alone, for any model"
            : null;
    }

    /// <summary>The client's name of an entry that is not <c>*</c>.</summary>
    public static string ClientName(string entry) => Split(entry).Client;

    private static (string Client, string Deployment) Split(string entry)
    {
        var separator = entry.IndexOf('=', StringComparison.Ordinal);
        return separator < 0
            ? (entry.Trim(), entry.Trim())
            : (entry[..separator].Trim(), entry[(separator + 1)..].Trim());
    }
}
