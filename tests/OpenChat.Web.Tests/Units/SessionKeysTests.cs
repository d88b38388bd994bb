using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Web.Hosting;
using OpenChat.Web.Sessions;

namespace OpenChat.Web.Tests.Units;

public sealed class SessionKeysTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_gives_back_its_key_until_it_expires()
    {
        var keys = Create(lifetime: TimeSpan.FromHours(1));
        var session = keys.Open("gateway-key-0123456789");

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(keys.TryGetKey(session, out var key));
        Assert.Equal("gateway-key-0123456789", key);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(keys.TryGetKey(session, out _));
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void A_closed_session_and_an_unknown_id_have_no_key()
    {
        var keys = Create();
        var session = keys.Open("gateway-key-0123456789");

        keys.Close(session);

        Assert.False(keys.TryGetKey(session, out _));
        Assert.False(keys.TryGetKey("not-a-session", out _));
        Assert.False(keys.TryGetKey(null, out _));
    }

    [Fact]
    public void Past_the_bound_the_oldest_session_is_signed_out()
    {
        var keys = Create(maxSessions: 2);
        var first = keys.Open("first-key-0123456789");
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = keys.Open("second-key-0123456789");
        _time.Advance(TimeSpan.FromSeconds(1));

        var third = keys.Open("third-key-0123456789");

        Assert.Equal(2, keys.Count);
        Assert.False(keys.TryGetKey(first, out _));
        Assert.True(keys.TryGetKey(second, out _));
        Assert.True(keys.TryGetKey(third, out _));
    }

    [Fact]
    public void Session_ids_are_long_and_random()
    {
        var keys = Create();

        var ids = Enumerable.Range(0, 100).Select(_ => keys.Open("gateway-key-0123456789")).ToList();

        Assert.Equal(100, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(64, id.Length));
    }

    private SessionKeys Create(TimeSpan? lifetime = null, int maxSessions = 100) =>
        new(Options.Create(new WebConsoleOptions { SessionLifetime = lifetime ?? TimeSpan.FromHours(8), MaxSessions = maxSessions }), _time);
}
