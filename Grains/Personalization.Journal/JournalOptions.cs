using System.Text.RegularExpressions;

namespace Personalization.Journal;

/// <summary>The event journal. Section <c>Personalization:Journal</c>; validated at start.</summary>
public sealed partial class JournalOptions
{
    public const string SectionName = "Personalization:Journal";

    /// <summary>Entry text a silo sends a partition writer in one call, and what one segment takes at most (about 20 parts).</summary>
    public const int SegmentBudgetChars = 600_000;

    /// <summary>Azure Tables' limit on operations in one entity-group transaction.</summary>
    public const int MaxTransactionEntities = 100;

    /// <summary>Memory (embedded default, not durable) or AzureTable.</summary>
    public string Provider { get; set; } = "Memory";

    /// <summary>Azure Storage connection string (AzureTable provider), e.g. Azurite's.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service URI for real Azure, authenticated with DefaultAzureCredential (instead of a connection string).</summary>
    public Uri? ServiceUri { get; set; }

    public string TableName { get; set; } = "PersonalizationJournal";

    /// <summary>Characters of recent segments each partition writer keeps to serve tails without a read.</summary>
    public long SegmentCacheChars { get; set; } = 2_000_000;

    /// <summary>Users whose last sequence a partition writer remembers; beyond it, idle ones are forgotten (read again from their snapshot).</summary>
    public int MaxKnownUsersPerPartition { get; set; } = 200_000;

    /// <summary>
    /// How long a silo waits for one call to a partition writer before sending it again. A call lost
    /// while the writer moves (a silo shutting down or declared dead) is repeated, and a repeated append whose entries
    /// were already stored counts as committed; calls are repeated for at most three <see cref="CommitTimeout"/>s.
    /// </summary>
    public TimeSpan WriterCallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often each partition writer looks for entries left uncovered longer than
    /// <see cref="SweepAge"/> (listeners whose silo crashed and who never came back) and asks those listeners to
    /// write a snapshot, so that the segments holding them can go. Off: <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an entry may stay uncovered before the sweep asks its listener for a snapshot.</summary>
    public TimeSpan SweepAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Listeners asked per sweep and partition.</summary>
    public int SweepBatch { get; set; } = 500;

    /// <summary>
    /// Journal partitions users are hashed over; each has one writer grain (README.md, "Segment layout"), so
    /// partitions spread the writers over the silos. Fewer: larger shared segments (fewer storage transactions per
    /// event); more: more write throughput. Changing it needs an empty journal. The default 8 keeps appends, snapshots
    /// and compaction together under 0.05 storage transactions per event (RELIABILITY.md).
    /// </summary>
    public int Partitions { get; set; } = 8;

    /// <summary>How long a silo waits for more appends to a partition before sending them to its writer (fewer, larger segments under load).</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Entities per delete transaction of covered segments (at most <see cref="MaxTransactionEntities"/>).</summary>
    public int MaxBatch { get; set; } = MaxTransactionEntities;

    /// <summary>Upper bound on one storage operation including its retries; after it, callers get StorageUnavailableException.</summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed request by the storage client, inside <see cref="CommitTimeout"/>.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The Retry-After hint given to callers when storage is unavailable.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Provider is not ("Memory" or "AzureTable")) errors.Add($"{nameof(Provider)} must be Memory or AzureTable (was '{Provider}').");
        if (Provider == "AzureTable" && string.IsNullOrWhiteSpace(ConnectionString) && ServiceUri is null)
        {
            errors.Add($"{nameof(ConnectionString)} or {nameof(ServiceUri)} is required for AzureTable.");
        }
        if (WriterCallTimeout <= TimeSpan.Zero) errors.Add($"{nameof(WriterCallTimeout)} must be positive.");
        if (SegmentCacheChars < 0) errors.Add($"{nameof(SegmentCacheChars)} must not be negative.");
        if (SweepInterval != Timeout.InfiniteTimeSpan && SweepInterval < TimeSpan.FromSeconds(1)) errors.Add($"{nameof(SweepInterval)} must be at least 1 s (or infinite).");
        if (SweepAge < TimeSpan.Zero) errors.Add($"{nameof(SweepAge)} must not be negative.");
        if (SweepBatch < 1) errors.Add($"{nameof(SweepBatch)} must be positive.");
        if (MaxKnownUsersPerPartition < 1) errors.Add($"{nameof(MaxKnownUsersPerPartition)} must be positive.");
        if (TableName is null || !TableNamePattern().IsMatch(TableName)) errors.Add($"{nameof(TableName)} must be 3-63 letters or digits, starting with a letter.");
        if (Partitions is < 1 or > 1000) errors.Add($"{nameof(Partitions)} must be in [1, 1000].");
        if (Linger < TimeSpan.Zero || Linger > TimeSpan.FromSeconds(1)) errors.Add($"{nameof(Linger)} must be in [0, 1 s].");
        if (MaxBatch is < 1 or > MaxTransactionEntities) errors.Add($"{nameof(MaxBatch)} must be in [1, {MaxTransactionEntities}].");
        if (CommitTimeout <= TimeSpan.Zero || CommitTimeout > TimeSpan.FromMinutes(5)) errors.Add($"{nameof(CommitTimeout)} must be in (0, 5 min].");
        if (MaxRetries is < 0 or > 10) errors.Add($"{nameof(MaxRetries)} must be in [0, 10].");
        if (RetryAfter <= TimeSpan.Zero) errors.Add($"{nameof(RetryAfter)} must be positive.");
        return errors;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
