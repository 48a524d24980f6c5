using System.IO.Compression;
using Personalization.Engine.Model;

namespace Personalization.Tests.Durability.Model;

/// <summary>Checkpoint items are one Brotli stream: whether written field by field or compressed in one call, they read back the same.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class CheckpointCodecTests
{
    [Fact]
    public void An_item_written_field_by_field_through_a_Brotli_stream_still_reads()
    {
        using var buffer = new MemoryStream();
        using (var compressed = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(compressed))
        {
            writer.Write((byte)1);
            Write(writer, 5_000);
        }

        Assert.Equal(Expected(5_000), CheckpointCodec.Decode(buffer.ToArray(), 1, (r, _) => Read(r, 5_000)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(400_000)] // about 7 MB plain: more than a thread keeps between encodes
    public void An_item_reads_back_what_was_written_and_the_next_encode_on_the_thread_starts_empty(int names)
    {
        var big = CheckpointCodec.Encode(2, w => Write(w, names));
        var small = CheckpointCodec.Encode(2, w => w.Write("after"));

        Assert.Equal(Expected(names), CheckpointCodec.Decode(big, 2, (r, version) => version == 2 ? Read(r, names) : null));
        Assert.Equal("after", CheckpointCodec.Decode(small, 2, (r, _) => r.ReadString()));
    }

    [Fact]
    public void An_encode_inside_another_encode_leaves_both_items_whole()
    {
        byte[] inner = [];
        var outer = CheckpointCodec.Encode(1, w =>
        {
            w.Write("before");
            inner = CheckpointCodec.Encode(1, v => v.Write("inner"));
            w.Write("after");
        });

        Assert.Equal("inner", CheckpointCodec.Decode(inner, 1, (r, _) => r.ReadString()));
        Assert.Equal(("before", "after"), CheckpointCodec.Decode(outer, 1, (r, _) => (r.ReadString(), r.ReadString())));
    }

    [Fact]
    public void Bytes_that_are_not_a_Brotli_stream_are_refused()
    {
        var garbage = Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => CheckpointCodec.Decode(garbage, 1, (r, _) => r.ReadInt64()));
        Assert.Contains("not a Brotli stream", error.Message, StringComparison.Ordinal);
    }

    private static void Write(BinaryWriter w, int names)
    {
        w.Write7BitEncodedInt(names);
        for (var i = 0; i < names; i++)
        {
            w.Write($"track-{i}");
            w.Write(i * 0.5f);
        }
    }

    private static string Read(BinaryReader r, int names)
    {
        var count = r.Read7BitEncodedInt();
        Assert.Equal(names, count);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++) text.Append(r.ReadString()).Append(':').Append(r.ReadSingle()).Append(',');
        Assert.Equal(-1, r.PeekChar()); // nothing left over
        return text.ToString();
    }

    private static string Expected(int names) =>
        string.Concat(Enumerable.Range(0, names).Select(i => $"track-{i}:{i * 0.5f},"));
}
