using System.Text;
using OpenChat.Tools.Mcp.Federation;

namespace OpenChat.Tools.Tests.Federation;

public sealed class BoundedReadStreamTests
{
    private const int Max = 64;

    [Fact]
    public async Task Reads_an_event_stream_of_any_length_whose_events_each_fit()
    {
        var events = string.Concat(Enumerable.Range(0, 100).Select(i => $"event: message\r\ndata: {new string('a', 30)}\r\n\r\n"));

        var read = await ReadAllAsync(events, perEvent: true);

        Assert.Equal(events, read);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Stops_at_an_event_over_the_bound_whatever_its_line_endings(string newLine)
    {
        var stream = $"data: small{newLine}{newLine}data: {new string('b', Max)}{newLine}{newLine}";

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => ReadAllAsync(stream, perEvent: true));
    }

    [Fact]
    public async Task Counts_a_whole_body_that_is_not_an_event_stream()
    {
        var body = string.Concat(Enumerable.Repeat("{\"a\":1}\n\n", 10));

        await Assert.ThrowsAsync<ResponseTooLargeException>(() => ReadAllAsync(body, perEvent: false));
        Assert.Equal("{}", await ReadAllAsync("{}", perEvent: false));
    }

    private static async Task<string> ReadAllAsync(string content, bool perEvent)
    {
        await using var stream = new BoundedReadStream(new MemoryStream(Encoding.UTF8.GetBytes(content)), Max, perEvent);
        using var reader = new StreamReader(stream, bufferSize: 16);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
