using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenChat.Web.Hosting;

namespace OpenChat.Web.Sessions;

/// <summary>
/// The gateway keys of signed-in browsers, held only in this process and found by an opaque session id. The
/// browser's cookie carries that id (encrypted), never the key; a key leaves this class only to go to the Api.
/// </summary>
internal sealed class SessionKeys(IOptions<WebConsoleOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Holds the key for a new session and returns the session's id.</summary>
    public string Open(string key)
    {
        var id = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            MakeRoom(now);
            _entries[id] = new Entry(key, now, now + options.Value.SessionLifetime);
        }

        return id;
    }

    public bool TryGetKey(string? sessionId, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (sessionId is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!_entries.TryGetValue(sessionId, out var entry))
            {
                return false;
            }

            if (entry.ExpiresAt <= time.GetUtcNow())
            {
                _entries.Remove(sessionId);
                return false;
            }

            key = entry.Key;
            return true;
        }
    }

    public void Close(string? sessionId)
    {
        if (sessionId is null)
        {
            return;
        }

        lock (_gate)
        {
            _entries.Remove(sessionId);
        }
    }

    /// <summary>Drops expired sessions, then the oldest while the bound is reached.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < options.Value.MaxSessions)
        {
            return;
        }

        foreach (var expired in _entries.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key).ToList())
        {
            _entries.Remove(expired);
        }

        while (_entries.Count >= options.Value.MaxSessions)
        {
            _entries.Remove(_entries.MinBy(entry => entry.Value.OpenedAt).Key);
        }
    }

    private sealed record Entry(string Key, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt);
}
