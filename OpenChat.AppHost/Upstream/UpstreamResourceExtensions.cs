namespace OpenChat.AppHost.Upstream;

internal static class UpstreamResourceExtensions
{
    public const string BaseUrlParameter = "upstream-base-url";
    public const string ApiKeyParameter = "upstream-api-key";

    /// <summary>
    /// Points the Api at its model servers. Upstreams configured under <c>OpenChat:Upstreams:&lt;name&gt;</c> go to
    /// the Api as they are (their keys as secret parameters). The one upstream of the parameters (base URL or key,
    /// and when publishing without named upstreams) comes in as the shorthand, the key as a secret. With none of
    /// them, the model simulator runs in the cluster and serves as the model, so a fresh machine streams answers
    /// without any account.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUpstream(
        this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        var configuredUrl = builder.Configuration[$"Parameters:{BaseUrlParameter}"];
        var configuredKey = builder.Configuration[$"Parameters:{ApiKeyParameter}"];
        var named = api.TryAddNamedUpstreams(builder);

        if ((builder.ExecutionContext.IsPublishMode && !named)
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

        if (named)
        {
            return api;
        }

        var simulator = builder.AddProject<Projects.OpenChat_ModelSimulator>("simulator")
            .WithHttpHealthCheck("/health");

        return api
            .WithEnvironment("OpenChat__Upstream__BaseUrl", ReferenceExpression.Create($"{simulator.GetEndpoint("http")}/v1"))
            .WaitFor(simulator);
    }
}
