using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenChat.Api.Relay.Inspection;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Upstream;

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
            Options.Create(new UpstreamOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1") }),
            TimeProvider.System);
        var turn = new ModelTurn(new HashSet<string>(), new ArrayBufferWriter<byte>());

        using var activity = instrumentation.StartChat("m", """[{"role":"user","content":"secret prompt"}]"""u8.ToArray());
        instrumentation.RecordChat(activity, "m", turn, Encoding.UTF8.GetBytes("secret answer"), TimeProvider.System.GetTimestamp(), errorType: null);

        Assert.NotNull(activity);
        Assert.Equal(recordContent, activity.GetTagItem(GenAiAttributes.InputMessages) is string input && input.Contains("secret prompt", StringComparison.Ordinal));
        Assert.Equal(recordContent, activity.GetTagItem(GenAiAttributes.OutputMessages) is "secret answer");
    }
}
