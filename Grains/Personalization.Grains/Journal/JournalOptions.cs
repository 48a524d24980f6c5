using System.Text.RegularExpressions;

namespace Personalization.Grains.Journal;

/// <summary>The event journal. Section <c>Personalization:Journal</c>; validated at start.</summary>
public sealed partial class JournalOptions
{
    public const string SectionName = "Personalization:Journal";

    /// <summary><see cref="Transport"/>: the journal's own $batch writer and response scanner over one HttpClient (SharedKey).</summary>
    public const string DirectTransport = "Direct";

    /// <summary><see cref="Transport"/>: Azure.Data.Tables' TableClient.SubmitTransactionAsync.</summary>
    public const string SdkTransport = "Sdk";

    /// <summary><see cref="Layout"/>: one table row per event, keyed <c>{userId}_{sequence}</c> (the row is the duplicate-activation fence).</summary>
    public const string RowsLayout = "Rows";

    /// <summary>
    /// <see cref="Layout"/>: many users' events packed into one stored segment per transaction by a single writer grain
    /// per partition, which checks every user's sequence (Journal/README.md, "Segment layout").
    /// </summary>
    public const string SegmentsLayout = "Segments";

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

    /// <summary>
    /// How events are stored (AzureTable provider): <c>Rows</c> (one row per event) or <c>Segments</c> (one entity per
    /// transaction holding many users' events, written by one partition writer grain). A table the row layout wrote is
    /// switched to segments with <see cref="ReadRows"/>; from segments back to rows only with an empty journal.
    /// </summary>
    public string Layout { get; set; } = SegmentsLayout;

    /// <summary>
    /// Segments layout on a table the row layout wrote before: users' tails and last sequences also come from the rows
    /// (a user's rows after its snapshot — left by a silo that crashed under it — are replayed and fence appends), and
    /// a user's rows go once a snapshot covers them. Costs one range query per user when a partition writer first
    /// sees it and when the user activates. Without it, switching a table that holds such rows to segments would lose
    /// them (Journal/README.md, "Moving from rows to segments").
    /// </summary>
    public bool ReadRows { get; set; }

    /// <summary>Segments layout: characters of recent segments each partition writer keeps to serve tails without a read.</summary>
    public long SegmentCacheChars { get; set; } = 2_000_000;

    /// <summary>Segments layout: users whose last sequence a partition writer remembers; beyond it, idle ones are forgotten (read again from their snapshot).</summary>
    public int MaxKnownUsersPerPartition { get; set; } = 200_000;

    /// <summary>
    /// Segments layout: how long a silo waits for one call to a partition writer before sending it again. A call lost
    /// while the writer moves (a silo shutting down or declared dead) is repeated, and a repeated append whose entries
    /// were already stored counts as committed; calls are repeated for at most three <see cref="CommitTimeout"/>s.
    /// </summary>
    public TimeSpan WriterCallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Segments layout: how often each partition writer looks for entries left uncovered longer than
    /// <see cref="SweepAge"/> (listeners whose silo crashed and who never came back) and asks those listeners to
    /// write a snapshot, so that the segments holding them can go. Off: <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Segments layout: how long an entry may stay uncovered before the sweep asks its listener for a snapshot.</summary>
    public TimeSpan SweepAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Segments layout: listeners asked per sweep and partition.</summary>
    public int SweepBatch { get; set; } = 500;

    /// <summary>
    /// How append transactions are sent (AzureTable provider): <c>Direct</c> (the journal writes the OData $batch body
    /// into a pooled buffer, signs it with the account key (SharedKeyLite) and scans the response itself, on one shared
    /// HttpClient: far less CPU and allocation per event than the SDK) or <c>Sdk</c> (Azure.Data.Tables). Unset: Direct
    /// when <see cref="ConnectionString"/> carries an account key (or is <c>UseDevelopmentStorage=true</c>), else Sdk
    /// (<see cref="ServiceUri"/> with DefaultAzureCredential, shared access signatures). Direct requires an account key.
    /// Reads, compaction deletes and conflict re-reads always use the SDK; both transports fail the same way.
    /// </summary>
    public string? Transport { get; set; }

    /// <summary><see cref="Transport"/> with the default applied: <see cref="DirectTransport"/> or <see cref="SdkTransport"/>.</summary>
    public string ResolvedTransport => string.IsNullOrEmpty(Transport)
        ? (Direct.AccountKeyReader.TryRead(ConnectionString, out _) ? DirectTransport : SdkTransport)
        : Transport;

    /// <summary>
    /// Journal partitions users are hashed over. Fewer: larger shared transactions (fewer storage transactions per
    /// event); more: more write throughput. Rows: ~2,000 entities/s per partition on real Azure, so 8 partitions carry
    /// ~16k events/s per journal table (sizing: about peak events/s ÷ 1,000); changing it on a live table needs
    /// <see cref="PreviousPartitions"/>. Segments: each partition has one writer grain and an entity holds many events,
    /// so partitions spread the writers over the silos; changing it needs an empty journal. The default 8 keeps
    /// appends, snapshots and compaction together under 0.05 storage transactions per event (RELIABILITY.md).
    /// </summary>
    public int Partitions { get; set; } = 8;

    /// <summary>
    /// The partition count the journal was written with before <see cref="Partitions"/> changed, while its rows drain:
    /// reads and deletes then look in both partitions of a user; appends go to the current one. Change the count only
    /// with the whole cluster stopped (no silo may still append under the old count), start it with this set, and remove
    /// it once the old partitions hold no rows (Journal/README.md).
    /// </summary>
    public int? PreviousPartitions { get; set; }

    /// <summary>How long the writer waits for more appends before submitting a transaction that is not full.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Entities per transaction (at most <see cref="MaxTransactionEntities"/>).</summary>
    public int MaxBatch { get; set; } = MaxTransactionEntities;

    /// <summary>Transactions in flight at once; when all are busy, appends queue up and form larger transactions.</summary>
    public int MaxConcurrentTransactions { get; set; } = 16;

    /// <summary>
    /// Transactions of one partition in flight at once. 1 (the default) makes each partition's next transaction collect
    /// everything that arrives while the previous one commits: the fewest transactions per event under load.
    /// </summary>
    public int MaxInFlightPerPartition { get; set; } = 1;

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
        if (!string.IsNullOrEmpty(Transport) && Transport is not (DirectTransport or SdkTransport))
        {
            errors.Add($"{nameof(Transport)} must be {DirectTransport} or {SdkTransport} (was '{Transport}').");
        }
        else if (Provider == "AzureTable" && Transport == DirectTransport && !Direct.AccountKeyReader.TryRead(ConnectionString, out _))
        {
            errors.Add($"{nameof(Transport)} {DirectTransport} needs a {nameof(ConnectionString)} with an AccountKey (or UseDevelopmentStorage=true); use {SdkTransport} with {nameof(ServiceUri)}.");
        }

        if (Layout is not (RowsLayout or SegmentsLayout)) errors.Add($"{nameof(Layout)} must be {RowsLayout} or {SegmentsLayout} (was '{Layout}').");
        else if (Layout == SegmentsLayout && PreviousPartitions is not null) errors.Add($"{nameof(PreviousPartitions)} is not supported with {nameof(Layout)} {SegmentsLayout}: change {nameof(Partitions)} only with an empty journal.");
        if (WriterCallTimeout <= TimeSpan.Zero) errors.Add($"{nameof(WriterCallTimeout)} must be positive.");
        if (SegmentCacheChars < 0) errors.Add($"{nameof(SegmentCacheChars)} must not be negative.");
        if (SweepInterval != Timeout.InfiniteTimeSpan && SweepInterval < TimeSpan.FromSeconds(1)) errors.Add($"{nameof(SweepInterval)} must be at least 1 s (or infinite).");
        if (SweepAge < TimeSpan.Zero) errors.Add($"{nameof(SweepAge)} must not be negative.");
        if (SweepBatch < 1) errors.Add($"{nameof(SweepBatch)} must be positive.");
        if (MaxKnownUsersPerPartition < 1) errors.Add($"{nameof(MaxKnownUsersPerPartition)} must be positive.");
        if (TableName is null || !TableNamePattern().IsMatch(TableName)) errors.Add($"{nameof(TableName)} must be 3-63 letters or digits, starting with a letter.");
        if (Partitions is < 1 or > 1000) errors.Add($"{nameof(Partitions)} must be in [1, 1000].");
        if (PreviousPartitions is < 1 or > 1000) errors.Add($"{nameof(PreviousPartitions)} must be in [1, 1000] when set.");
        if (Linger < TimeSpan.Zero || Linger > TimeSpan.FromSeconds(1)) errors.Add($"{nameof(Linger)} must be in [0, 1 s].");
        if (MaxBatch is < 1 or > MaxTransactionEntities) errors.Add($"{nameof(MaxBatch)} must be in [1, {MaxTransactionEntities}].");
        if (MaxConcurrentTransactions is < 1 or > 256) errors.Add($"{nameof(MaxConcurrentTransactions)} must be in [1, 256].");
        if (MaxInFlightPerPartition is < 1 or > 256) errors.Add($"{nameof(MaxInFlightPerPartition)} must be in [1, 256].");
        if (CommitTimeout <= TimeSpan.Zero || CommitTimeout > TimeSpan.FromMinutes(5)) errors.Add($"{nameof(CommitTimeout)} must be in (0, 5 min].");
        if (MaxRetries is < 0 or > 10) errors.Add($"{nameof(MaxRetries)} must be in [0, 10].");
        if (RetryAfter <= TimeSpan.Zero) errors.Add($"{nameof(RetryAfter)} must be positive.");
        return errors;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
