namespace Personalization.Import;

/// <summary>How an import runs (see <see cref="BackfillImporter"/>).</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// Rows taken together, in event-time order; every listener's share is sent before the next wave starts. Also how
    /// often (in rows) the checkpoint is written.
    /// </summary>
    public int Wave { get; init; } = 5_000;

    /// <summary>Listeners imported at the same time within a wave.</summary>
    public int Parallel { get; init; } = 64;

    /// <summary>Events per grain call (at most the cluster's <c>Personalization:Validation:MaxBatchSize</c>).</summary>
    public int Batch { get; init; } = 500;

    /// <summary>
    /// Strict event-time order: one call at a time, each holding one listener's consecutive rows. Slower, and the shared
    /// model learns exactly what a live replay of the log in event-time order teaches (the default, listeners in
    /// parallel within a wave, can differ slightly: the model admits a track after enough distinct listeners, and
    /// within a wave the order between listeners is not kept).
    /// </summary>
    public bool Ordered { get; init; }

    /// <summary>Stop at the first bad row instead of reporting and skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>How often a progress line is written.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Wave is < 1 or > 1_000_000) errors.Add("--wave must be in [1, 1000000].");
        if (Parallel is < 1 or > 4096) errors.Add("--parallel must be in [1, 4096].");
        if (Batch is < 1 or > 10_000) errors.Add("--batch must be in [1, 10000].");
        return errors;
    }
}
