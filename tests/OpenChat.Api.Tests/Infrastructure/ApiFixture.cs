namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>One <see cref="ApiTestHost"/> with the default settings, shared by a test class.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiTestHost Host { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Host = ApiTestHost.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
