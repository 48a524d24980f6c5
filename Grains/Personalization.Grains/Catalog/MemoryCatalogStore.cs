using System.Collections.Concurrent;

namespace Personalization.Grains.Catalog;

/// <summary>The embedded default: rows in this process's memory (not durable; a test cluster shares one between its silos).</summary>
public sealed class MemoryCatalogStore : ICatalogStore
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, StoredTrack>> _partitions = new();

    public Task<IReadOnlyList<StoredTrack>> ReadAsync(int partition, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredTrack>>([.. Rows(partition).Values]);

    public Task WriteAsync(int partition, IReadOnlyList<StoredTrack> tracks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var rows = Rows(partition);
        foreach (var t in tracks)
        {
            rows.AddOrUpdate(t.Facts.TrackId, t, (_, old) => t.Entry is null ? t with { Entry = old.Entry } : t);
        }

        return Task.CompletedTask;
    }

    private ConcurrentDictionary<string, StoredTrack> Rows(int partition) => _partitions.GetOrAdd(partition, _ => new(StringComparer.Ordinal));
}
