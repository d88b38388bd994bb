using OpenChat.ModelSimulator;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddModelSimulator();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSimulatorApi();

app.Run();
