using OpenChat.Tools;
using OpenChat.Tools.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddToolsCatalog();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapToolsApi();
app.MapMcp("/mcp");

app.Run();
