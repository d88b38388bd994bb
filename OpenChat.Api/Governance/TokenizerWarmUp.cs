namespace OpenChat.Api.Governance;

/// <summary>Loads the tokenizer's vocabulary in the background at start-up; start-up itself does not wait.</summary>
internal sealed class TokenizerWarmUp : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(PromptTokenEstimator.WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
