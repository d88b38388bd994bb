namespace OpenChat.AppHost.Upstream;

internal static class UpstreamResourceExtensions
{
    public const string BaseUrlParameter = "upstream-base-url";
    public const string ApiKeyParameter = "upstream-api-key";

    /// <summary>
    /// Points the Api at its model server. A configured upstream (base URL or key, and always when publishing)
    /// comes in as parameters, the key as a secret; with neither, the model simulator runs in the cluster and
    /// serves as the model, so a fresh machine streams answers without any account.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUpstream(
        this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        var configuredUrl = builder.Configuration[$"Parameters:{BaseUrlParameter}"];
        var configuredKey = builder.Configuration[$"Parameters:{ApiKeyParameter}"];

        if (builder.ExecutionContext.IsPublishMode
            || !string.IsNullOrWhiteSpace(configuredUrl)
            || !string.IsNullOrWhiteSpace(configuredKey))
        {
            var baseUrl = builder.AddParameter(BaseUrlParameter, "https://api.openai.com/v1", publishValueAsDefault: true);
            api.WithEnvironment("OpenChat__Upstream__BaseUrl", baseUrl);

            // Local servers such as Ollama or vLLM take no key; a publish always asks for one.
            if (builder.ExecutionContext.IsPublishMode || !string.IsNullOrWhiteSpace(configuredKey))
            {
                api.WithEnvironment("OpenChat__Upstream__ApiKey", builder.AddParameter(ApiKeyParameter, secret: true));
            }

            return api;
        }

        var simulator = builder.AddProject<Projects.OpenChat_ModelSimulator>("simulator")
            .WithHttpHealthCheck("/health");

        return api
            .WithEnvironment("OpenChat__Upstream__BaseUrl", ReferenceExpression.Create($"{simulator.GetEndpoint("http")}/v1"))
            .WaitFor(simulator);
    }
}
