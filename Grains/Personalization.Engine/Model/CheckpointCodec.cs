using System.IO.Compression;

namespace Personalization.Engine.Model;

/// <summary>
/// The byte form of checkpoint items: a format version byte, then the payload, Brotli-compressed (fastest level) as a
/// whole. Readers refuse a version they do not know with a clear error instead of loading garbage.
/// </summary>
public static class CheckpointCodec
{
    public static byte[] Encode(byte version, Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var compressed = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(compressed))
        {
            writer.Write(version);
            write(writer);
        }

        return buffer.ToArray();
    }

    public static T Decode<T>(byte[] data, byte maxVersion, Func<BinaryReader, byte, T> read)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(read);
        using var compressed = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new BinaryReader(compressed);
        var version = reader.ReadByte();
        if (version == 0 || version > maxVersion)
        {
            throw new InvalidDataException($"Checkpoint format version {version} is not supported (this build reads 1 to {maxVersion}).");
        }

        return read(reader, version);
    }
}
