using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenChat.Api.Telemetry;

namespace OpenChat.Api.Tests.Telemetry;

/// <summary>Prompts and answers reach spans only when configuration says so.</summary>
public sealed class ContentRecordingTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == OpenChatTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public ContentRecordingTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Records_messages_on_the_chat_span_only_when_turned_on(bool recordContent)
    {
        var instrumentation = new GenAiInstrumentation(
            new GenAiMetrics(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(new TelemetryOptions { RecordContent = recordContent }),
            TimeProvider.System);
        var server = new Uri("http://127.0.0.1:9/v1");

        using var activity = instrumentation.StartChat("m", server, """[{"role":"user","content":"secret prompt"}]"""u8.ToArray());
        instrumentation.RecordChat(activity,
            new ChatCallOutcome("m", server, TimeProvider.System.GetTimestamp(), "m", "chatcmpl-1", "stop", Usage: null, ErrorType: null, ErrorMessage: null),
            Encoding.UTF8.GetBytes("secret answer"));

        Assert.NotNull(activity);
        Assert.Equal(recordContent, activity.GetTagItem(GenAiAttributes.InputMessages) is string input && input.Contains("secret prompt", StringComparison.Ordinal));
        Assert.Equal(recordContent, activity.GetTagItem(GenAiAttributes.OutputMessages) is "secret answer");
    }
}
