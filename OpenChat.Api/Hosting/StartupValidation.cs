using Microsoft.Extensions.Options;

namespace OpenChat.Api.Hosting;

internal static class StartupValidation
{
    /// <summary>
    /// Checks every option registered with <c>ValidateOnStart</c> before the host starts anything. A bad value
    /// prints one line that names each key to fix, and the caller exits non-zero, instead of a stack trace.
    /// </summary>
    public static bool TryValidateOptions(this IHost host, TextWriter error)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception exception) when (Failures(exception) is { Count: > 0 } failures)
        {
            error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName} cannot start: {string.Join(" ", failures)}");
            return false;
        }
    }

    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => inner is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(inner => ((OptionsValidationException)inner).Failures)],
        _ => [],
    };
}
