using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Journal;

namespace Personalization.Grains.Operations;

/// <summary>
/// Times and traces every journal append (the storage write an acknowledgement waits for: span
/// <see cref="JournalTracing.JournalCommit"/>); reads and deletes pass through.
/// </summary>
public sealed class MeteredEventJournal(IEventJournal inner, PersonalizationMetrics metrics) : IEventJournal
{
    public IEventJournal Inner => inner;

    public async Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        using var span = JournalTracing.Source.StartActivity(JournalTracing.JournalCommit);
        span?.SetTag("journal.entries", entries.Count);
        try
        {
            return await inner.AppendAsync(userId, entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            outcome = exception is StorageUnavailableException ? "storage_unavailable" : "error";
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            metrics.StorageWrite(Stopwatch.GetElapsedTime(started), outcome);
        }
    }

    public IAsyncEnumerable<JournalEntry> ReadAfterAsync(string userId, long afterSequence, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(userId, afterSequence, cancellationToken);

    public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default) =>
        inner.TruncateThroughAsync(userId, sequence, cancellationToken);

    public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
        inner.TruncateRangeAsync(userId, afterSequence, throughSequence, cancellationToken);

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) =>
        inner.DeleteUserAsync(userId, cancellationToken);
}
