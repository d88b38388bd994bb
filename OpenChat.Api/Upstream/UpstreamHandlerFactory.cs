using System.Net;

namespace OpenChat.Api.Upstream;

/// <summary>The connection pool to the upstream: one handler for the life of the process.</summary>
internal static class UpstreamHandlerFactory
{
    public static SocketsHttpHandler Create(UpstreamOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        // New connections every few minutes follow DNS changes of the provider.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        // A stream the client left must not be read to its end: close its connection at once instead.
        MaxResponseDrainSize = 0,
        // Compressed SSE would be held back by the compressor; the few JSON bodies are small.
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
    };
}
