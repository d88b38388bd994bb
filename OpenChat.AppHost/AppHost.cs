using OpenChat.AppHost.Redis;
using OpenChat.AppHost.Tools;
using OpenChat.AppHost.Upstream;
using OpenChat.AppHost.Web;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddOpenChatRedis();

var gatewayKey = builder.AddParameter(
    "gateway-key",
    new GenerateParameterDefault { MinLength = 40, Special = false },
    secret: true,
    persist: true);

// The admin key manages keys, limits and usage (/admin); it is a gateway key too.
var adminKey = builder.AddParameter(
    "admin-key",
    new GenerateParameterDefault { MinLength = 40, Special = false },
    secret: true,
    persist: true);

// Only the Api may call Tools: both get this key, Tools refuses every call without it.
var toolsServiceKey = builder.AddParameter(
    "tools-service-key",
    new GenerateParameterDefault { MinLength = 40, Special = false },
    secret: true,
    persist: true);

var tools = builder.AddProject<Projects.OpenChat_Tools>("tools")
    .WithEnvironment("OpenChat__Tools__ServiceKey", toolsServiceKey)
    .WithExternalMcpServers(builder)
    .WithHttpHealthCheck("/health");

var api = builder.AddProject<Projects.OpenChat_Api>("api")
    .WithReference(redis).WaitFor(redis)
    .WithReference(tools).WaitFor(tools)
    .WithEnvironment("OpenChat__ApiKeys__0", gatewayKey)
    .WithEnvironment("OpenChat__AdminKeys__0", adminKey)
    .WithEnvironment("OpenChat__Tools__ServiceKey", toolsServiceKey)
    .WithUpstream(builder)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// The console talks to the Api only over its public HTTP API, found by service discovery (services:api:http:0).
builder.AddProject<Projects.OpenChat_Web>("web")
    .WithReference(api).WaitFor(api)
    .WithDashboardLinks(builder)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
