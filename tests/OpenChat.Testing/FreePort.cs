using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenChat.Testing;

/// <summary>
/// Ports for test servers that must know their port before they listen (a child process told its port, a server
/// started again on the same port). They come from just below the kernel's ephemeral range, which servers bound to
/// port 0 and outgoing connections draw from: a port taken from that range and released could be handed to another
/// test's server before this one binds it, and a test then talks to the wrong server. Each process starts at its
/// own random point and hands a port out once.
/// </summary>
public static class FreePort
{
    private const int RangeSize = 10_000;
    private static readonly int s_end = EphemeralRangeStart();
    private static readonly int s_first = Math.Max(1024, s_end - RangeSize);
    private static readonly int s_count = s_end - s_first;
    private static int s_next = Random.Shared.Next(s_count);

    public static int Next()
    {
        for (var tried = 0; tried < s_count; tried++)
        {
            var port = s_first + (int)((uint)Interlocked.Increment(ref s_next) % (uint)s_count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No loopback port from {s_first} to {s_first + s_count - 1} is free.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first port of <c>ip_local_port_range</c>; Linux's default, 32768, where the file cannot be read or leaves no
    /// room below it.
    /// </summary>
    private static int EphemeralRangeStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(Range) ? File.ReadAllText(Range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start >= 2048 ? start : 32768;
    }
}
