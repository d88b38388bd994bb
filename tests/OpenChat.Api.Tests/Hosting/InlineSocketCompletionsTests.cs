using OpenChat.Api.Hosting;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Hosting;

/// <summary>
/// The Api as a container starts it runs its socket completions inline. The runtime shows the switch in its socket
/// event threads (<c>.NET Sockets</c>): one per core when completions run inline on them, otherwise a single one on an
/// x64 machine of fewer than 45 cores.
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    private const string EventThread = ".NET Sockets";

    [Fact]
    public async Task The_api_runs_one_socket_event_thread_per_core()
    {
        await using var api = await StartApiAsync(inlineCompletions: "");

        Assert.Equal(Environment.ProcessorCount, api.ReadThreadNames().Count(name => name == EventThread));
    }

    [Fact]
    public async Task A_value_in_the_environment_wins()
    {
        await using var api = await StartApiAsync(inlineCompletions: "0");

        Assert.Equal(1, api.ReadThreadNames().Count(name => name == EventThread));
    }

    /// <param name="inlineCompletions">The variable's value; empty as if unset (the runtime and the Api read it so), since
    /// this process may have it from an Api started in it and a child process inherits it.</param>
    private static Task<ServiceProcess> StartApiAsync(string inlineCompletions) =>
        StandaloneApi.StartAsync("http://127.0.0.1:0", new Dictionary<string, string> { [InlineSocketCompletions.Variable] = inlineCompletions });
}
