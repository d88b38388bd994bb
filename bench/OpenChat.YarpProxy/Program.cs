using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

// A bare reverse proxy in front of the model, the floor for any relay's cost: no parsing, no authentication,
// no transcripts. The destination comes from configuration: --Destination http://127.0.0.1:5000 or the
// environment variable Destination.
const string DestinationKey = "Destination";

var builder = WebApplication.CreateBuilder(args);

if (!Uri.TryCreate(builder.Configuration[DestinationKey], UriKind.Absolute, out var destination) || destination.Scheme is not ("http" or "https"))
{
    await Console.Error.WriteLineAsync($"{DestinationKey} must be the model server's absolute http(s) address, got '{builder.Configuration[DestinationKey]}'.");
    return 2;
}

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "everything", ClusterId = "model", Match = new RouteMatch { Path = "/{**catch-all}" } }],
    [
        new ClusterConfig
        {
            ClusterId = "model",
            Destinations = new Dictionary<string, DestinationConfig> { ["model"] = new() { Address = destination.ToString() } },
            // YARP writes each read from the upstream through and flushes it, so SSE flows event by event.
            // Buffering is off by default; said here because turning it on would hold events back. The
            // activity timeout (100 s by default) bounds the idle gap between reads, never the whole stream.
            HttpRequest = new ForwarderRequestConfig { AllowResponseBuffering = false },
        },
    ]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
