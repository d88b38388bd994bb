using OpenChat.Tools;
using OpenChat.Tools.Auth;
using OpenChat.Tools.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceKeyAuthentication();
builder.AddToolsCatalog();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapToolsApi();
app.MapMcp("/mcp").RequireAuthorization(ServiceKeyAuthenticationExtensions.CallerPolicy);

app.Run();
