namespace OpenChat.Api.Hosting;

/// <summary>How long shutdown waits for streams and the transcript drain; bound from <c>OpenChat:ShutdownTimeout</c>.</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "OpenChat";

    /// <summary>
    /// The grace streams in progress and the transcript writer get when the process is asked to stop. Keep it below
    /// the platform's own (a Kubernetes pod's <c>terminationGracePeriodSeconds</c> less its <c>preStop</c> wait).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
