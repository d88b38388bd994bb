using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace OpenChat.Api.Governance;

/// <summary>Usage waiting for the writer, bounded: when full, the oldest is given up and counted.</summary>
internal sealed class UsageQueue
{
    private readonly Channel<UsageEntry> _channel;

    public UsageQueue(IOptions<GovernanceOptions> options, GovernanceMetrics metrics, ILogger<UsageQueue> logger)
    {
        _channel = Channel.CreateBounded<UsageEntry>(
            new BoundedChannelOptions(options.Value.UsageQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                metrics.UsageDropped.Add(1);
                GovernanceLog.UsageDropped(logger, dropped.CompletionId);
            });
    }

    public ChannelReader<UsageEntry> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public void Enqueue(UsageEntry entry) => _channel.Writer.TryWrite(entry);

    public void Complete() => _channel.Writer.TryComplete();
}
