namespace OpenChat.Api.Relay;

/// <summary>The completions running now, counted so that shutdown can say how many it waited for and how many it cut.</summary>
internal sealed class ActiveCompletions
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Started() => Interlocked.Increment(ref _count);

    public void Ended() => Interlocked.Decrement(ref _count);
}
