using System.Text;
using System.Threading.Channels;

namespace OpenChat.Api.Tests.Infrastructure;

/// <summary>
/// An upstream response body the test writes to. It tells the test when the reader is waiting with nothing to
/// read, which is when the relay has armed its idle timeout and a clock advance must fire it.
/// </summary>
internal sealed class StreamedUpstreamBody : Stream
{
    private readonly Channel<byte[]> _writes = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<long> _waiting = Channel.CreateUnbounded<long>();
    private ReadOnlyMemory<byte> _current;
    private long _written;
    private long _delivered;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void WriteEvent(string data)
    {
        var bytes = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        Interlocked.Add(ref _written, bytes.Length);
        _writes.Writer.TryWrite(bytes);
    }

    public void End() => _writes.Writer.TryComplete();

    /// <summary>Completes once the reader has taken everything written so far and waits for more.</summary>
    public async Task AllReadAsync(CancellationToken cancellationToken)
    {
        var written = Interlocked.Read(ref _written);
        while (await _waiting.Reader.ReadAsync(cancellationToken) < written)
        {
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (_writes.Reader.TryRead(out var next))
            {
                _current = next;
                break;
            }

            _waiting.Writer.TryWrite(Interlocked.Read(ref _delivered));
            if (!await _writes.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        Interlocked.Add(ref _delivered, count);
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
