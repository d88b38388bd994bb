using Microsoft.Extensions.Options;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Upstream;

namespace OpenChat.Api.Relay;

/// <summary>The singletons a completion run works with, handed to each run as one bundle.</summary>
internal sealed class CompletionServices(
    UpstreamClient upstream,
    ServerToolExecutor tools,
    GenAiInstrumentation instrumentation,
    IOptions<UpstreamOptions> upstreamOptions,
    IOptions<RelayOptions> relayOptions,
    IOptions<ServerToolOptions> toolOptions,
    TimeProvider timeProvider,
    ILogger<CompletionServices> logger)
{
    public UpstreamClient Upstream => upstream;

    public ServerToolExecutor Tools => tools;

    public GenAiInstrumentation Instrumentation => instrumentation;

    public UpstreamOptions UpstreamOptions => upstreamOptions.Value;

    public RelayOptions RelayOptions => relayOptions.Value;

    public ServerToolOptions ToolOptions => toolOptions.Value;

    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;

    /// <summary>
    /// A token source for one upstream exchange: cancelled when the client goes away, and re-armed with the
    /// header and idle timeouts on the injected <see cref="TimeProvider"/>.
    /// </summary>
    public ExchangeLifetime CreateExchangeLifetime(CancellationToken clientAborted) => new(timeProvider, clientAborted);
}
