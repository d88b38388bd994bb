using OpenChat.Api;
using OpenChat.Api.Auth;
using OpenChat.Api.Relay;
using OpenChat.Api.Tools;
using OpenChat.Api.Transcripts;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayKeys();
builder.AddRelay();
builder.AddServerTools();
builder.AddTranscripts();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGatewayApi();

app.Run();
