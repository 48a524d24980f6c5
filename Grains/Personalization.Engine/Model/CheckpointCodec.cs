using System.Buffers;
using System.IO.Compression;

namespace Personalization.Engine.Model;

/// <summary>
/// The byte form of checkpoint items: a format version byte, then the payload, Brotli-compressed (fastest level) as a
/// whole. Readers refuse a version they do not know with a clear error instead of loading garbage.
/// The payload is written to a plain buffer and compressed in one call, and read back from one decompressed buffer: a
/// <see cref="BinaryWriter"/> or <see cref="BinaryReader"/> straight over a <see cref="BrotliStream"/> calls the
/// native coder once per field, which made compression most of a shard's checkpoint cost. The bytes are one Brotli
/// stream either way, so checkpoints written by either form read with either.
/// </summary>
public static class CheckpointCodec
{
    /// <summary>Brotli quality 1 and a 4 MB window: what <see cref="CompressionLevel.Fastest"/> means to <see cref="BrotliStream"/>.</summary>
    private const int Quality = 1;
    private const int Window = 22;

    /// <summary>
    /// A thread's plain buffer is kept between encodes up to this size; a bigger one is dropped after use. Encodes run on
    /// the few checkpoint encoder threads and, for small headers, in grain turns, so this bounds what is retained.
    /// </summary>
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? t_plain;

    public static byte[] Encode(byte version, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var plain = t_plain ?? new MemoryStream();
        t_plain = null; // not shared with a nested Encode on this thread
        try
        {
            plain.SetLength(0);
            using (var writer = new BinaryWriter(plain, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(version);
                write(writer);
            }

            return Compress(plain.GetBuffer().AsSpan(0, (int)plain.Length));
        }
        finally
        {
            if (plain.Capacity <= KeptBufferBytes) t_plain = plain;
        }
    }

    public static T Decode<T>(byte[] data, byte maxVersion, Func<BinaryReader, byte, T> read)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(read);
        using var reader = new BinaryReader(Decompress(data));
        var version = reader.ReadByte();
        if (version == 0 || version > maxVersion)
        {
            throw new InvalidDataException($"Checkpoint format version {version} is not supported (this build reads 1 to {maxVersion}).");
        }

        return read(reader, version);
    }

    private static byte[] Compress(ReadOnlySpan<byte> plain)
    {
        var rented = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(plain.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(plain, rented, out var written, Quality, Window))
            {
                throw new InvalidOperationException($"Brotli could not compress a {plain.Length}-byte checkpoint item.");
            }

            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static MemoryStream Decompress(byte[] data)
    {
        var plain = new MemoryStream(data.Length * 4);
        try
        {
            using var compressed = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            compressed.CopyTo(plain);
        }
        catch (InvalidOperationException invalid)
        {
            throw new InvalidDataException($"A {data.Length}-byte checkpoint item is not a Brotli stream ({invalid.Message}).", invalid);
        }

        plain.Position = 0;
        return plain;
    }
}
