using System.Buffers;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: one request body or response without
/// per-request arrays (a 100-entity transaction is ~50 KB, which would otherwise land on the large object heap).
/// Dispose returns the array; the buffer must not be used afterwards.
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 16 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The rented array (its first <see cref="WrittenCount"/> bytes are the content).</summary>
    public byte[] Array => _buffer;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length) throw new InvalidOperationException("Advanced past the end of the buffer.");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Appends ASCII text (boundaries, numbers, URLs already escaped); other characters are rejected.</summary>
    public void WriteAscii(ReadOnlySpan<char> text)
    {
        var span = GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F) throw new ArgumentException("Only ASCII text may be written here.", nameof(text));
            span[i] = (byte)text[i];
        }

        _written += text.Length;
    }

    /// <summary>Reads <paramref name="stream"/> to its end into the buffer.</summary>
    public async Task ReadFromAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        while (true)
        {
            var read = await stream.ReadAsync(GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (read == 0) return;
            _written += read;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
