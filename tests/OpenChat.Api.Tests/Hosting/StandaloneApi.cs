using OpenChat.Api.Relay;
using OpenChat.Testing;

namespace OpenChat.Api.Tests.Hosting;

/// <summary>
/// The Api's build output started as a container starts it (<c>dotnet OpenChat.Api.dll</c>), with what it needs to
/// start and answer: a gateway key, an upstream and a Redis where nothing listens (start-up waits for neither), no
/// server tools; the test's own variables on top.
/// </summary>
internal static class StandaloneApi
{
    public const string Key = "standalone-api-gateway-key-0123456789";

    public static Task<ServiceProcess> StartAsync(string url, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url,
            ["OpenChat__ApiKeys__0"] = Key,
            ["OpenChat__Upstream__BaseUrl"] = "http://127.0.0.1:9/v1",
            ["OpenChat__Tools__Mode"] = "None",
            ["ConnectionStrings__redis"] = "127.0.0.1:9,abortConnect=false",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ServiceProcess.StartAsync(typeof(ChatCompletionHandler).Assembly.Location, variables);
    }
}
