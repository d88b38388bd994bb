namespace OpenChat.Api.Upstream;

/// <summary>An upstream that serves a model, and the name it knows the model by (null: the model's own name).</summary>
internal sealed record RouteTarget(UpstreamClient Upstream, string? Deployment)
{
    public string DeploymentOf(string model) => Deployment ?? model;
}
