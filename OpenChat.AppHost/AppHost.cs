using OpenChat.AppHost.Redis;
using OpenChat.AppHost.Tools;
using OpenChat.AppHost.Upstream;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddOpenChatRedis();

var gatewayKey = builder.AddParameter(
    "gateway-key",
    new GenerateParameterDefault { MinLength = 40, Special = false },
    secret: true,
    persist: true);

var tools = builder.AddProject<Projects.OpenChat_Tools>("tools")
    .WithExternalMcpServers(builder)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.OpenChat_Api>("api")
    .WithReference(redis).WaitFor(redis)
    .WithReference(tools).WaitFor(tools)
    .WithEnvironment("OpenChat__ApiKeys__0", gatewayKey)
    .WithUpstream(builder)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
