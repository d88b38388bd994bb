using OpenChat.Tools;
using OpenChat.Tools.Http;
using OpenChat.Tools.Mcp.Federation;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddToolsCatalog();
builder.AddMcpFederation();

var app = builder.Build();

app.MapDefaultEndpoints(HealthReportJson.WriteAsync);
app.MapToolsApi();
app.MapMcp("/mcp");

app.Run();
