using OpenChat.Api;
using OpenChat.Api.Auth;
using OpenChat.Api.Errors;
using OpenChat.Api.Governance;
using OpenChat.Api.Hosting;
using OpenChat.Api.Relay;
using OpenChat.Api.Telemetry;
using OpenChat.Api.Tools;
using OpenChat.Api.Transcripts;
using OpenChat.Api.Upstream;

InlineSocketCompletions.PreferUnlessSet();
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddShutdownGrace();
builder.AddGatewayErrors();
builder.AddGatewayAuth();
builder.AddTelemetry();
builder.AddUpstream();
builder.AddServerTools();
builder.AddTranscripts();
builder.AddGovernance();
builder.AddRelay();

var app = builder.Build();
if (!app.TryValidateOptions(Console.Error))
{
    return 1;
}

app.UseGatewayErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGatewayApi();

app.Run();
return 0;

