using Microsoft.Extensions.Options;
using OpenChat.Api.Hosting;

namespace OpenChat.Api.Transcripts;

internal sealed class TranscriptOptionsValidator : IValidateOptions<TranscriptOptions>
{
    public ValidateOptionsResult Validate(string? name, TranscriptOptions options)
    {
        var failures = new List<string>();
        const string Key = TranscriptOptions.SectionName;

        if (options.Retention < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Key}:Retention must be at least one second, such as 30.00:00:00 for 30 days.");
        }

        if (options.MaxTranscriptBytes < 16 * 1024)
        {
            failures.Add($"{Key}:MaxTranscriptBytes must be at least 16384.");
        }

        if (options.MaxQueueBytes < options.MaxTranscriptBytes)
        {
            failures.Add($"{Key}:MaxQueueBytes must be at least {Key}:MaxTranscriptBytes ({options.MaxTranscriptBytes}).");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Key}:BatchSize must be between 1 and 10000.");
        }

        if (!BatchReader.IsValidLinger(options.BatchLinger))
        {
            failures.Add($"{Key}:BatchLinger must be between 00:00:00 and {BatchReader.MaxLinger:c}.");
        }

        if (options.MaxRetryDelay < TimeSpan.FromMilliseconds(10))
        {
            failures.Add($"{Key}:MaxRetryDelay must be at least 00:00:00.010.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add($"{Key}:KeyPrefix must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
