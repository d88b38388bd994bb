namespace OpenChat.Api.Hosting;

/// <summary>
/// Lets a socket's completion run its continuation on the runtime's socket event thread (one per core then) instead
/// of queueing it to the thread pool. The relay's continuations are a stream's next chunk, a few microseconds that
/// never block, and the hop to the pool and back cost the Api about a tenth of its CPU per completion under stress
/// (bench/README.md, fifteenth round). The runtime reads the switch only from the environment, once, when the first
/// socket is made, so it is set before anything else runs; a value the environment already gives wins, so
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> turns it off.
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void PreferUnlessSet()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
