namespace OpenChat.Tools.Mcp.Federation;

/// <summary>Counts what is read, the whole body or, for an event stream, each event, and throws past the bound.</summary>
internal sealed class BoundedReadStream(Stream inner, int maxBytes, bool perEvent) : Stream
{
    private long _count;
    private bool _atLineStart = true;
    private byte _previous;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        if (!perEvent)
        {
            _count += read.Length;
            return _count <= maxBytes ? read.Length : throw new ResponseTooLargeException(maxBytes);
        }

        foreach (var value in read)
        {
            // An empty line ends an event; "\r\n", "\n" and "\r" all end a line.
            if (value == '\n' && _previous == '\r')
            {
                _previous = value;
                continue;
            }

            if (value is (byte)'\r' or (byte)'\n')
            {
                if (_atLineStart)
                {
                    _count = 0;
                }

                _atLineStart = true;
            }
            else
            {
                _atLineStart = false;
                if (++_count > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }
            }

            _previous = value;
        }

        return read.Length;
    }
}
