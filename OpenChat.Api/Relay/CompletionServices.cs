using Microsoft.Extensions.Options;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>The singletons a completion run works with, handed to each run as one bundle.</summary>
internal sealed class CompletionServices(
    UpstreamDispatcher upstreams,
    ServerToolExecutor tools,
    GenAiInstrumentation instrumentation,
    IOptions<RelayOptions> relayOptions,
    IOptions<ServerToolOptions> toolOptions,
    TimeProvider timeProvider,
    ILogger<CompletionServices> logger)
{
    public UpstreamDispatcher Upstreams => upstreams;

    public ServerToolExecutor Tools => tools;

    public GenAiInstrumentation Instrumentation => instrumentation;

    public RelayOptions RelayOptions => relayOptions.Value;

    public ServerToolOptions ToolOptions => toolOptions.Value;

    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;
}
