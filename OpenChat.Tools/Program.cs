using OpenChat.Tools;
using OpenChat.Tools.Auth;
using OpenChat.Tools.Http;
using OpenChat.Tools.Mcp.Federation;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceKeyAuthentication();
builder.AddToolsCatalog();
builder.AddMcpFederation();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints(HealthReportJson.WriteAsync);
app.MapToolsApi();
app.MapMcp("/mcp").RequireAuthorization(ServiceKeyAuthenticationExtensions.CallerPolicy);

app.Run();
