using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>An HTTPS upstream with a self-signed certificate that nothing trusts, answering every request.</summary>
public sealed class TlsUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsUpstream(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Requests { get; private set; }

    public static async Task<TlsUpstream> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        TlsUpstream? upstream = null;
        app.MapPost("/v1/chat/completions", () =>
        {
            upstream!.Requests++;
            return Results.Text("{\"choices\":[]}", "application/json");
        });
        await app.StartAsync();
        upstream = new TlsUpstream(app, new Uri(app.Urls.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/v1"));
        return upstream;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
