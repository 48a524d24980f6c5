namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// How the learned parts of the shared model are checkpointed and restored. Section
/// <c>Personalization:Model:Checkpoint</c>, validated at start. Stored where user state is (memory in the embedded
/// default, Azure Table in Azure mode).
/// </summary>
public sealed class ModelCheckpointOptions
{
    public const string SectionName = "Personalization:Model:Checkpoint";

    /// <summary>Off: the model lives in memory only and is relearned from new traffic after a restart.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often changed state is written. A kill -9 loses at most this much of the model's observations (a graceful
    /// stop loses nothing: shards and silos write a last checkpoint as they stop).
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a shard starting on another silo waits for its previous activation's last checkpoint (a graceful move:
    /// it is written within a second or two; after a kill -9 it never comes, and the restore starts this much later).
    /// </summary>
    public TimeSpan HandOverWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Buckets per model shard: a checkpoint rewrites only the buckets whose keys changed.</summary>
    public int Buckets { get; set; } = 256;

    /// <summary>The Azure table holding checkpoints (Azure mode).</summary>
    public string Table { get; set; } = "PersonalizationModel";

    /// <summary>Examples of the re-ranker's ring stored per item.</summary>
    public int ExamplesPerItem { get; set; } = 100;

    /// <summary>
    /// A silo reports ready once its read model and its re-ranker are restored, or after this long at the latest (the
    /// metric <c>personalization_model_restored</c> then stays 0 until the restore completes).
    /// </summary>
    public TimeSpan MaxRestoreWait { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>A silo's stored re-ranker state not rewritten for this long belongs to a silo that is gone and is deleted.</summary>
    public TimeSpan StaleSiloAfter { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromMinutes(10)) errors.Add($"{SectionName}:{nameof(Interval)} must be in [100 ms, 10 min] (was {Interval}).");
        if (HandOverWait < TimeSpan.Zero || HandOverWait > TimeSpan.FromMinutes(2)) errors.Add($"{SectionName}:{nameof(HandOverWait)} must be in [0, 2 min] (was {HandOverWait}).");
        if (Buckets is < 1 or > 65_536) errors.Add($"{SectionName}:{nameof(Buckets)} must be in [1, 65536] (was {Buckets}).");
        if (string.IsNullOrWhiteSpace(Table) || Table.Length is < 3 or > 63 || !Table.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(Table[0])) errors.Add($"{SectionName}:{nameof(Table)} must be a valid Azure table name (was '{Table}').");
        if (ExamplesPerItem is < 1 or > 1000) errors.Add($"{SectionName}:{nameof(ExamplesPerItem)} must be in [1, 1000] (was {ExamplesPerItem}).");
        if (MaxRestoreWait < TimeSpan.Zero || MaxRestoreWait > TimeSpan.FromMinutes(30)) errors.Add($"{SectionName}:{nameof(MaxRestoreWait)} must be in [0, 30 min] (was {MaxRestoreWait}).");
        if (StaleSiloAfter <= Interval) errors.Add($"{SectionName}:{nameof(StaleSiloAfter)} must be longer than {nameof(Interval)} (was {StaleSiloAfter}).");
        return errors;
    }
}
