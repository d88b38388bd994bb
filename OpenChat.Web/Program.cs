using Microsoft.FluentUI.AspNetCore.Components;
using OpenChat.Web.Components;
using OpenChat.Web.Gateway;
using OpenChat.Web.Hosting;
using OpenChat.Web.Sessions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebConsoleOptions();
builder.AddConsoleSessions();
builder.AddGatewayClients();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFluentUIComponents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSessionEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
