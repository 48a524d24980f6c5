using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Abstractions.Model;
using Personalization.Grains.Model;

namespace Personalization.Grains.Catalog;

/// <summary>
/// One catalogue partition. Thin: validates (all or nothing), writes the rows to the store, then records the changed
/// facts under increasing versions (the change log silos pull) and admits live tracks into the shared model at once.
/// A repeated write of the same facts is stored again but is no change (imports are idempotent). Versions are renumbered
/// on activation under a new epoch; a silo holding another epoch pulls the partition again from the start.
/// </summary>
public sealed class CatalogPartitionGrain(
    ICatalogStore store,
    CatalogValidator validator,
    IModelPipeline model,
    IOptions<CatalogOptions> options) : Grain, ICatalogPartitionGrain
{
    private readonly Dictionary<string, (CatalogFacts Facts, long Version)> _tracks = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Track)> _log = [];
    private int _partition;
    private long _epoch;
    private long _version;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _partition = (int)this.GetPrimaryKeyLong();
        _epoch = DateTimeOffset.UtcNow.UtcTicks ^ Random.Shared.NextInt64();
        foreach (var row in await store.ReadAsync(_partition, cancellationToken)) Record(row.Facts);
    }

    async Task<CatalogWriteResult> ICatalogPartitionGrain.UpsertAsync(IReadOnlyList<CatalogEntry> tracks)
    {
        var errors = new List<FieldError>(validator.ValidateBatch(tracks));
        if (errors.Count == 0) CheckPartition(tracks.Select(t => t.TrackId).ToList(), i => $"tracks[{i}].trackId", errors);
        ThrowIfInvalid(errors);
        var latest = tracks.GroupBy(t => t.TrackId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        ThrowIfFull(latest.Select(t => t.TrackId));
        await store.WriteAsync(_partition, [.. latest.Select(t => new StoredTrack(CatalogFacts.Of(t), t))]);
        var changed = latest.Select(CatalogFacts.Of).Where(Differs).ToList();
        foreach (var facts in changed) Record(facts);
        if (changed.Count > 0) await model.AdmitAsync([.. changed.Select(f => new CatalogTrack(f.TrackId, f.ArtistId))]);
        return new CatalogWriteResult(changed.Count, latest.Count - changed.Count);
    }

    async Task<CatalogWriteResult> ICatalogPartitionGrain.DeleteAsync(IReadOnlyList<string> trackIds)
    {
        var errors = new List<FieldError>();
        if (trackIds is null || trackIds.Count == 0) errors.Add(new FieldError("trackIds", "must contain at least one track id."));
        else
        {
            for (var i = 0; i < trackIds.Count; i++) errors.AddRange(validator.Ids.ValidateId(trackIds[i], $"trackIds[{i}]"));
            if (errors.Count == 0) CheckPartition(trackIds, i => $"trackIds[{i}]", errors);
        }

        ThrowIfInvalid(errors);
        var ids = trackIds!.Distinct(StringComparer.Ordinal).ToList();
        ThrowIfFull(ids);
        var gone = ids.Select(id => _tracks.TryGetValue(id, out var t) ? t.Facts with { Deleted = true } : new CatalogFacts(id, "", Markets.All, false, -1, true))
            .Where(Differs).ToList();
        await store.WriteAsync(_partition, [.. gone.Select(f => new StoredTrack(f, null))]);
        foreach (var facts in gone) Record(facts);
        return new CatalogWriteResult(gone.Count, ids.Count - gone.Count);
    }

    Task<CatalogChanges> ICatalogPartitionGrain.GetChangesAsync(long epoch, long afterVersion, int maxTracks)
    {
        if (epoch != _epoch) afterVersion = 0;
        var max = Math.Clamp(maxTracks, 1, options.Value.PageSize);
        var start = FirstAfter(afterVersion);
        var page = new List<CatalogFacts>(Math.Min(max, _log.Count - start));
        var reached = afterVersion;
        var i = start;
        for (; i < _log.Count && page.Count < max; i++)
        {
            var (version, track) = _log[i];
            reached = version;
            var current = _tracks[track];
            if (current.Version == version) page.Add(current.Facts); // superseded entries are skipped: their newer version follows
        }

        return Task.FromResult(new CatalogChanges(_epoch, reached, page, i < _log.Count));
    }

    private bool Differs(CatalogFacts facts) => !_tracks.TryGetValue(facts.TrackId, out var held) || held.Facts != facts;

    private void Record(CatalogFacts facts)
    {
        _version++;
        _tracks[facts.TrackId] = (facts, _version);
        _log.Add((_version, facts.TrackId));
        if (_log.Count > 2 * _tracks.Count + 1024) Compact();
    }

    /// <summary>Drops superseded log entries (each track keeps only its latest version).</summary>
    private void Compact()
    {
        _log.RemoveAll(e => _tracks[e.Track].Version != e.Version);
    }

    private int FirstAfter(long version)
    {
        int lo = 0, hi = _log.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_log[mid].Version <= version) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private void CheckPartition(IReadOnlyList<string> ids, Func<int, string> field, List<FieldError> errors)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var owner = CatalogPartitions.Of(ids[i]);
            if (owner != _partition) errors.Add(new FieldError(field(i), $"belongs to catalogue partition {owner}, not {_partition}."));
        }
    }

    private void ThrowIfFull(IEnumerable<string> ids)
    {
        var added = ids.Count(id => !_tracks.ContainsKey(id));
        var room = options.Value.MaxTracks / CatalogPartitions.Count - _tracks.Count;
        if (added > room)
        {
            throw new InvalidEventException([new FieldError("tracks", $"the catalogue is full: partition {_partition} holds {_tracks.Count} tracks and may hold {options.Value.MaxTracks / CatalogPartitions.Count} (Catalog:MaxTracks / {CatalogPartitions.Count}).")]);
        }
    }

    private static void ThrowIfInvalid(List<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidEventException(errors);
    }
}
