using Personalization.Journal;

namespace Personalization.Tests.Durability;

/// <summary>A <see cref="MemoryEventJournal"/> that records the compaction calls it gets and can fail the next one.</summary>
public sealed class RecordingJournal : IEventJournal
{
    private readonly MemoryEventJournal _inner = new();

    public List<string> Compactions { get; } = [];

    public bool FailNextCompaction { get; set; }

    public int CountOf(string userId) => _inner.CountOf(userId);

    public Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) =>
        _inner.AppendAsync(userId, entries, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadAfterAsync(string userId, long afterSequence, CancellationToken cancellationToken = default) =>
        _inner.ReadAfterAsync(userId, afterSequence, cancellationToken);

    public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default)
    {
        Compactions.Add($"through {sequence}");
        return Fail() ?? _inner.TruncateThroughAsync(userId, sequence, cancellationToken);
    }

    public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default)
    {
        Compactions.Add($"range {afterSequence}..{throughSequence}");
        return Fail() ?? _inner.TruncateRangeAsync(userId, afterSequence, throughSequence, cancellationToken);
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) => _inner.DeleteUserAsync(userId, cancellationToken);

    private Task? Fail()
    {
        if (!FailNextCompaction) return null;
        FailNextCompaction = false;
        return Task.FromException(new IOException("storage is down"));
    }
}
