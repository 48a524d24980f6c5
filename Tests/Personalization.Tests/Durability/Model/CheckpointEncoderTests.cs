using Personalization.Grains.Model.Checkpoints;

namespace Personalization.Tests.Durability.Model;

/// <summary>The silo's checkpoint encoder: results and errors come back, encodes run on its own threads, never more at once than it has threads.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class CheckpointEncoderTests
{
    [Fact]
    public async Task An_encode_runs_on_an_encoder_thread_and_its_result_or_error_comes_back()
    {
        using var encoder = new CheckpointEncoder(1);

        var onPool = await encoder.RunAsync(() => Thread.CurrentThread.IsThreadPoolThread);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => encoder.RunAsync<int>(() => throw new InvalidDataException("bad bucket")));

        Assert.False(onPool);
        Assert.Equal("bad bucket", error.Message);
    }

    [Fact]
    public async Task One_thread_never_runs_two_encodes_at_once()
    {
        using var encoder = new CheckpointEncoder(1);
        var running = 0;
        var most = 0;
        using var secondStarted = new ManualResetEventSlim();

        int Encode(bool first)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (first) secondStarted.Wait(TimeSpan.FromSeconds(1)); // an encoder that ran both at once would release this at once
            else secondStarted.Set();
            Interlocked.Decrement(ref running);
            return now;
        }

        var results = await Task.WhenAll(encoder.RunAsync(() => Encode(true)), encoder.RunAsync(() => Encode(false)));

        Assert.Equal([1, 1], results);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task After_dispose_an_encode_fails_as_disposed_instead_of_hanging()
    {
        var encoder = new CheckpointEncoder(1);
        encoder.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => encoder.RunAsync(() => 1));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
