using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;

namespace OpenChat.Tools.Tests;

/// <summary>The Tools service on the in-memory test server, with its service key, and clients that present it as the Api does.</summary>
public sealed class ToolsServiceFactory : WebApplicationFactory<ToolCatalog>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("OpenChat:Tools:ServiceKey", ToolsServiceKey.Value);

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ToolsServiceKey.Value);
    }
}
