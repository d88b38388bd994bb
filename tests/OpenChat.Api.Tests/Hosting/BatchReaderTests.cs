using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using OpenChat.Api.Hosting;
using OpenChat.Api.Transcripts;

namespace OpenChat.Api.Tests.Hosting;

/// <summary>How a writer takes its batches: at once when a batch is queued, after the linger when fewer are.</summary>
public sealed class BatchReaderTests
{
    private static readonly TimeSpan s_linger = TimeSpan.FromMilliseconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();
    private readonly List<int> _batch = [];

    [Fact]
    public async Task Items_that_come_during_the_linger_join_the_batch()
    {
        Write(1);
        var reading = Read(size: 4);
        Assert.False(reading.IsCompleted);

        Write(2, 3);
        _time.Advance(s_linger - TimeSpan.FromTicks(1));
        Assert.False(reading.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.True(await reading);
        Assert.Equal([1, 2, 3], _batch);
    }

    [Fact]
    public async Task A_full_batch_is_taken_without_waiting_and_the_rest_stays_for_the_next()
    {
        Write(1, 2, 3, 4, 5);

        var reading = Read(size: 4);

        Assert.True(reading.IsCompletedSuccessfully);
        Assert.True(await reading);
        Assert.Equal([1, 2, 3, 4], _batch);
        Assert.Equal(1, _queue.Reader.Count);
    }

    [Fact]
    public async Task A_batch_that_fills_during_the_linger_still_holds_no_more_than_its_size()
    {
        Write(1);
        var reading = Read(size: 2);
        Write(2, 3);
        _time.Advance(s_linger);

        Assert.True(await reading);
        Assert.Equal([1, 2], _batch);
        Assert.Equal(1, _queue.Reader.Count);
    }

    [Fact]
    public async Task Without_a_linger_whatever_is_queued_is_taken_at_once()
    {
        Write(1);

        var reading = Read(size: 4, linger: TimeSpan.Zero);

        Assert.True(reading.IsCompletedSuccessfully);
        Assert.True(await reading);
        Assert.Equal([1], _batch);
    }

    [Fact]
    public async Task An_abort_ends_the_linger_and_hands_over_what_was_taken()
    {
        using var abort = new CancellationTokenSource();
        Write(1);
        var reading = Read(size: 4, abort: abort.Token);
        Write(2);

        await abort.CancelAsync();

        Assert.True(await reading);
        Assert.Equal([1, 2], _batch);
    }

    [Fact]
    public async Task A_completed_queue_gives_its_last_items_without_a_linger_and_then_ends_the_writer()
    {
        Write(1);
        _queue.Writer.Complete();

        var reading = Read(size: 4);

        Assert.True(reading.IsCompletedSuccessfully);
        Assert.True(await reading);
        Assert.Equal([1], _batch);
        Assert.False(await Read(size: 4));
        Assert.Empty(_batch);
    }

    [Fact]
    public void Start_up_validation_bounds_the_transcript_writers_linger()
    {
        var validator = new TranscriptOptionsValidator();

        var negative = validator.Validate(null, new TranscriptOptions { BatchLinger = TimeSpan.FromMilliseconds(-1) });
        var tooLong = validator.Validate(null, new TranscriptOptions { BatchLinger = TimeSpan.FromSeconds(2) });

        Assert.Contains("OpenChat:Transcripts:BatchLinger", negative.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OpenChat:Transcripts:BatchLinger", tooLong.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new TranscriptOptions()).Succeeded);
        Assert.True(validator.Validate(null, new TranscriptOptions { BatchLinger = TimeSpan.Zero }).Succeeded);
    }

    private ValueTask<bool> Read(int size, TimeSpan? linger = null, CancellationToken? abort = null) =>
        BatchReader.ReadAsync(_queue.Reader, _batch, size, linger ?? s_linger, _time, abort ?? TestContext.Current.CancellationToken);

    private void Write(params int[] items)
    {
        foreach (var item in items)
        {
            Assert.True(_queue.Writer.TryWrite(item));
        }
    }
}
