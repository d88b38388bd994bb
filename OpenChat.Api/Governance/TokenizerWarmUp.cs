using Microsoft.Extensions.Options;

namespace OpenChat.Api.Governance;

/// <summary>
/// Loads the tokenizer's vocabulary in the background at start-up when every key has a token limit
/// (<c>OpenChat:Governance:DefaultTokensPerMinute</c>); start-up itself does not wait. Otherwise the vocabulary,
/// which holds on to tens of megabytes, loads with the first request whose key has a token limit of its own.
/// </summary>
internal sealed class TokenizerWarmUp(IOptions<GovernanceOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DefaultTokensPerMinute is not null)
        {
            _ = Task.Run(PromptTokenEstimator.WarmUp, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
