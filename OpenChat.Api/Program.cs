using OpenChat.Api;
using OpenChat.Api.Auth;
using OpenChat.Api.Relay;
using OpenChat.Api.Tools;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayKeys();
builder.AddRelay();
builder.AddServerTools();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGatewayApi();

app.Run();
