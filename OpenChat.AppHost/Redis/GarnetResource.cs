namespace OpenChat.AppHost.Redis;

/// <summary>
/// Microsoft Garnet, a Redis-compatible server, run as a .NET tool: the store for machines without a
/// container runtime. It speaks RESP, so the services use it through the ordinary Redis client.
/// </summary>
internal sealed class GarnetResource(string name)
    : DotnetToolResource(name, PackageId), IResourceWithConnectionString
{
    public const string PackageId = "garnet-server";
    public const string PackageVersion = "2.2.8";
    public const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
