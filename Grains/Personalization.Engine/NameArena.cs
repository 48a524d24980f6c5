using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Personalization.Engine;

/// <summary>
/// An append-only store of names as UTF-8 bytes, for names that are never removed (the vocabulary's admitted entries):
/// a 9-character id costs 10 bytes here against a 40-byte string object, and the collector sees a few large arrays
/// instead of millions of strings. Chunks grow from 4 KB to 1 MB; a location is the chunk's number above a 20-bit
/// offset, plus one (0 means "not stored"). One writer (the caller's lock); readers take no lock: a chunk's bytes are
/// written before the location that points at them is published, and the chunk table is swapped in whole.
/// </summary>
internal sealed class NameArena
{
    private const int OffsetBits = 20;
    private const int MaxChunkSize = 1 << OffsetBits;
    private const int FirstChunkSize = 4096;
    private const int MaxChunks = (int.MaxValue >> OffsetBits) - 1;
    private const int MaxNameBytes = 0x7FFF; // two bytes of length at most

    private byte[][] _chunks = [];
    private int _chunkCount;
    private int _used;
    private long _bytes;

    /// <summary>Bytes allocated for chunks.</summary>
    public long AllocatedBytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Stores <paramref name="name"/>; its location, or 0 when it is not stored: too long, the store is full, or not valid
    /// UTF-16 (a lone surrogate has no UTF-8 form, and replacing it would make two names one). Keep it as a string then.
    /// </summary>
    public int TryAdd(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        if (length > MaxNameBytes) return 0;
        var header = length < 0x80 ? 1 : 2;
        var needed = header + length;
        if (_chunkCount == 0 || _used + needed > _chunks[_chunkCount - 1].Length)
        {
            if (_chunkCount == MaxChunks) return 0;
            AddChunk(Math.Max(needed, _chunkCount == 0 ? FirstChunkSize : Math.Min(MaxChunkSize, _chunks[_chunkCount - 1].Length * 2)));
        }

        var chunk = _chunks[_chunkCount - 1];
        var offset = _used;
        var status = Utf8.FromUtf16(name, chunk.AsSpan(offset + header, length), out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done || written != length) return 0;
        if (header == 1)
        {
            chunk[offset] = (byte)length;
        }
        else
        {
            chunk[offset] = (byte)(0x80 | (length >> 8));
            chunk[offset + 1] = (byte)length;
        }

        _used += needed;
        return (((_chunkCount - 1) << OffsetBits) | offset) + 1;
    }

    /// <summary>The UTF-8 bytes at a location <see cref="TryAdd"/> returned.</summary>
    public ReadOnlySpan<byte> Get(int location)
    {
        var at = location - 1;
        var chunk = Volatile.Read(ref _chunks)[at >> OffsetBits];
        var offset = at & (MaxChunkSize - 1);
        int length = chunk[offset];
        if (length < 0x80) return chunk.AsSpan(offset + 1, length);
        length = ((length & 0x7F) << 8) | chunk[offset + 1];
        return chunk.AsSpan(offset + 2, length);
    }

    private void AddChunk(int size)
    {
        var chunks = _chunks;
        if (_chunkCount == chunks.Length)
        {
            Array.Resize(ref chunks, Math.Max(4, chunks.Length * 2));
        }

        chunks[_chunkCount] = new byte[size];
        Volatile.Write(ref _chunks, chunks);
        _chunkCount++;
        _used = 0;
        Interlocked.Add(ref _bytes, size);
    }
}
