using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using OpenChat.Api.Completions;
using OpenChat.Api.Errors;
using OpenChat.Api.RequestBodies;
using OpenChat.Api.Requests;
using OpenChat.Api.Tests.Infrastructure;

namespace OpenChat.Api.Tests.Relay;

/// <summary>
/// The request intake (body reader, then parser) over generated bodies. A failure prints its seed;
/// <c>dotnet test -e CsCheck_Seed=...</c> replays it.
/// </summary>
public sealed class ChatRequestParserPropertyTests
{
    /// <summary>Bodies: arbitrary bytes, requests right and wrong, and requests with a byte cut, changed or added.</summary>
    private static readonly Gen<byte[]> s_bodies = Gen.Frequency(
        (1, Gen.Byte.Array[0, 64]),
        (4, ChatRequestTexts.Any.Select(Encoding.UTF8.GetBytes)),
        (2, ChatRequestTexts.Accepted.Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Select(Gen.Frequency((1, ChatRequestTexts.Any), (1, ChatRequestTexts.Accepted)), Gen.Int[0, 2], Gen.Int.Positive, Gen.Byte)
            .Select((text, mutation, at, value) => Mutate(Encoding.UTF8.GetBytes(text), mutation, at, value))));

    [Fact]
    public void Takes_any_body_in_any_reads_as_a_request_or_refuses_it_with_a_client_error()
    {
        Gen.Select(s_bodies, Reads.Sizes, Gen.Frequency((4, Gen.Const(1024 * 1024)), (1, Gen.Int[0, 4096])), Gen.Bool)
            .SampleAsync(async (body, sizes, limit, lengthKnown) =>
            {
                var http = new DefaultHttpContext();
                http.Request.Body = new ReadsStream(Reads.Split(body, sizes));
                http.Request.ContentLength = lengthKnown ? body.Length : null;

                try
                {
                    using var request = ChatRequestParser.Parse(await RequestBodyReader.ReadAsync(http.Request, limit, CancellationToken.None));

                    Assert.True(body.Length <= limit, "A body over the limit was accepted.");
                    Assert.Equal(body, request.Body.ToArray());
                    Assert.True(request.Messages.GetArrayLength() > 0);
                }
                catch (ApiErrorException exception)
                {
                    Assert.InRange(exception.Error.Status, 400, 499);
                    Assert.False(string.IsNullOrEmpty(exception.Error.Message));
                    Assert.Equal(body.Length > limit ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, exception.Error.Status);
                }
            }, iter: 1500, print: t => $"body {Printable.Bytes(t.Item1)}, reads of {string.Join(",", t.Item2)}, limit {t.Item3}, length known {t.Item4}");
    }

    [Fact]
    public void Accepts_every_request_whose_fields_have_their_right_types_however_deep_its_messages_nest()
    {
        ChatRequestTexts.Accepted.Sample(text =>
        {
            using var request = ParsedRequests.Parse(text);

            Assert.Equal(JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonLimits.MaxRequestDepth }).RootElement.GetProperty("messages").GetArrayLength(),
                request.Messages.GetArrayLength());
        }, iter: 500, print: text => text);
    }

    private static byte[] Mutate(byte[] body, int mutation, int at, byte value)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var position = at % body.Length;
        return mutation switch
        {
            0 => body[..position],
            1 => [.. body[..position], value, .. body[(position + 1)..]],
            _ => [.. body[..position], value, .. body[position..]],
        };
    }

    /// <summary>A request body that arrives in the given reads.</summary>
    private sealed class ReadsStream(List<byte[]> reads) : Stream
    {
        private int _read;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_read == reads.Count)
            {
                return 0;
            }

            var piece = reads[_read].AsSpan(_offset);
            var count = Math.Min(piece.Length, buffer.Length);
            piece[..count].CopyTo(buffer);
            _offset += count;
            if (_offset == reads[_read].Length)
            {
                (_read, _offset) = (_read + 1, 0);
            }

            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
