using Microsoft.Extensions.DependencyInjection;

namespace OpenChat.AppHost.Redis;

internal static class GarnetResourceExtensions
{
    /// <summary>
    /// Adds Garnet through <c>dotnet tool exec</c>, listening on loopback only, with the same Redis health check
    /// that the Redis container gets, and with Lua scripts on and run as transactions: the Api's limits are
    /// scripts that must run atomically.
    /// </summary>
    public static IResourceBuilder<GarnetResource> AddGarnet(this IDistributedApplicationBuilder builder, string name)
    {
        var garnet = new GarnetResource(name);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(garnet, async (_, cancellationToken) =>
            connectionString = await ((IResourceWithConnectionString)garnet).GetConnectionStringAsync(cancellationToken));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("The Garnet connection string is not known yet."),
            name: healthCheckKey);

        return builder.AddDotnetTool(garnet)
            .WithToolVersion(GarnetResource.PackageVersion)
            .WithEndpoint(name: GarnetResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(garnet.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--lua");
                context.Args.Add("--lua-transaction-mode");
            })
            .WithHealthCheck(healthCheckKey);
    }
}
