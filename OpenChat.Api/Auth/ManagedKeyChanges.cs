namespace OpenChat.Api.Auth;

/// <summary>
/// The fields a create or update request sets. A field the request leaves out is not <c>IsSet</c>; one it sets to
/// null clears the key's value (its limit then falls back to the default).
/// </summary>
internal sealed class ManagedKeyChanges
{
    public Change<string> Name { get; set; }

    public Change<string> Owner { get; set; }

    public Change<IReadOnlyList<string>> Models { get; set; }

    public Change<long?> Rpm { get; set; }

    public Change<long?> Tpm { get; set; }

    public Change<int?> MaxConcurrentStreams { get; set; }

    public Change<ManagedKeyBudget> Budget { get; set; }

    public Change<long?> ExpiresAt { get; set; }

    public Change<IReadOnlyDictionary<string, string>> Metadata { get; set; }

    /// <summary>The key with these changes made.</summary>
    public ManagedKey ApplyTo(ManagedKey key) => key with
    {
        Name = Name.IsSet ? Name.Value ?? key.Name : key.Name,
        Owner = Owner.Or(key.Owner),
        Models = Models.Or(key.Models),
        Rpm = Rpm.Or(key.Rpm),
        Tpm = Tpm.Or(key.Tpm),
        MaxConcurrentStreams = MaxConcurrentStreams.Or(key.MaxConcurrentStreams),
        Budget = Budget.Or(key.Budget),
        ExpiresAt = ExpiresAt.Or(key.ExpiresAt),
        Metadata = Metadata.IsSet ? Metadata.Value ?? new Dictionary<string, string>() : key.Metadata,
    };
}

/// <summary>One field of a request: whether the request named it, and the value it gave.</summary>
internal readonly record struct Change<T>(bool IsSet, T? Value)
{
    public T? Or(T? current) => IsSet ? Value : current;
}
