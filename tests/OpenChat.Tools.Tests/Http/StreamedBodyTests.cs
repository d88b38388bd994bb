using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenChat.Testing;
using OpenChat.Tools.Catalog;
using OpenChat.Tools.Http;

namespace OpenChat.Tools.Tests.Http;

/// <summary>
/// Bodies sent without a Content-Length, in chunks, over real Kestrel: the in-memory test server buffers a body
/// and gives it a length, so only a real connection shows that the limit holds for a body that never declares one.
/// </summary>
public sealed class StreamedBodyTests : IAsyncLifetime
{
    private const int Timeout = 30_000;

    private readonly KestrelAppFactory<ToolCatalog> _factory = new(ToolsServiceKey.Settings());
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _client = new HttpClient { BaseAddress = _factory.Start() };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ToolsServiceKey.Value);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact(Timeout = Timeout)]
    public async Task Reads_arguments_sent_in_chunks_without_a_length()
    {
        using var content = new ChunkedContent("""{"expression":"6*7"}""");

        using var response = await _client.PostAsync("/tools/calculate/invoke", content, TestContext.Current.CancellationToken);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"result":{"expression":"6*7","result":"42","exact":true}}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = Timeout)]
    public async Task Refuses_arguments_streamed_past_the_limit_with_413()
    {
        using var content = new ChunkedContent($$"""{"expression":"{{new string('1', ToolsApi.MaxArgumentsBytes)}}"}""");

        using var response = await _client.PostAsync("/tools/calculate/invoke", content, TestContext.Current.CancellationToken);

        Assert.Null(content.Headers.ContentLength);
        await OpenAiError.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request_error", "arguments_too_large");
    }

    /// <summary>A body of unknown length, written 4 KiB at a time, so the client sends it chunked.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        private const int ChunkBytes = 4096;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(ChunkBytes, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
