using System.Text.Json;
using OpenChat.Api.Relay;

namespace OpenChat.Api.Tests.Hosting;

/// <summary>
/// The runtime settings the Api ships in its <c>runtimeconfig.json</c>, so a deployment gets them without an
/// environment variable (bench/README.md says what each one measured).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_api_ships_server_gc_with_datas_no_background_gc_and_no_thread_pool_spinning()
    {
        var apiDll = typeof(ChatCompletionHandler).Assembly.Location;
        var runtimeConfig = Path.ChangeExtension(apiDll, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(1, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
