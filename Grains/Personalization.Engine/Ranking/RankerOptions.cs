namespace Personalization.Engine.Ranking;

/// <summary>
/// The learned re-ranker (<see cref="LearnedRanker"/>), bound from <c>Personalization:Ranker</c> and validated at
/// start. It learns from the silo's own stream which of the engine's top <see cref="Candidates"/> a listener plays next
/// and re-orders them. The tree sizes were chosen on 30Music slice 0 (BENCHMARKS.md, seventh round); the example
/// buffer and the retraining cadence bound its memory and CPU.
/// </summary>
public sealed class RankerOptions
{
    public const string SectionName = "Personalization:Ranker";

    /// <summary>Off: the engine's order is served as it is and no examples are kept.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many of the engine's top candidates are re-ranked (and kept per example).</summary>
    public int Candidates { get; set; } = 50;

    /// <summary>No model is trained before this many examples (the engine's order is served until then).</summary>
    public int MinExamples { get; set; } = 500;

    /// <summary>A new model is trained after every this many new examples.</summary>
    public int RetrainEvery { get; set; } = 1000;

    /// <summary>
    /// At most this many plays per minute of event time are turned into examples on a silo (each costs one ranking of
    /// the candidates on the event path); the rest are recorded as usual. 600 is ten a second.
    /// </summary>
    public int ExamplesPerMinute { get; set; } = 600;

    /// <summary>At least this much event time between two trainings (bounds the background CPU under heavy traffic).</summary>
    public TimeSpan MinRetrainInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The newest examples kept (a ring): about 8 KB each at 50 candidates (31 floats per candidate), so 8,000 ≈ 64 MB per silo.</summary>
    public int MaxExamples { get; set; } = 8000;

    public int Trees { get; set; } = 300;
    public int Depth { get; set; } = 3;

    /// <summary>A split must leave at least this many candidate rows on each side.</summary>
    public int MinLeaf { get; set; } = 100;

    public double LearningRate { get; set; } = 0.05;
    public double L2 { get; set; } = 1;

    /// <summary>Split points per feature (quantiles of the training rows); at most 255.</summary>
    public int Bins { get; set; } = 64;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Candidates is < 2 or > 200) errors.Add($"{SectionName}:Candidates must be in [2, 200] (was {Candidates}).");
        if (MinExamples < 1) errors.Add($"{SectionName}:MinExamples must be at least 1 (was {MinExamples}).");
        if (RetrainEvery < 1) errors.Add($"{SectionName}:RetrainEvery must be at least 1 (was {RetrainEvery}).");
        if (ExamplesPerMinute < 1) errors.Add($"{SectionName}:ExamplesPerMinute must be at least 1 (was {ExamplesPerMinute}).");
        if (MinRetrainInterval < TimeSpan.Zero) errors.Add($"{SectionName}:MinRetrainInterval must not be negative (was {MinRetrainInterval}).");
        if (MaxExamples < MinExamples) errors.Add($"{SectionName}:MaxExamples must be at least MinExamples (was {MaxExamples}).");
        if (Trees is < 1 or > 5000) errors.Add($"{SectionName}:Trees must be in [1, 5000] (was {Trees}).");
        if (Depth is < 1 or > 8) errors.Add($"{SectionName}:Depth must be in [1, 8] (was {Depth}).");
        if (MinLeaf < 1) errors.Add($"{SectionName}:MinLeaf must be at least 1 (was {MinLeaf}).");
        if (!(LearningRate is > 0 and <= 1)) errors.Add($"{SectionName}:LearningRate must be in (0, 1] (was {LearningRate}).");
        if (!(L2 >= 0)) errors.Add($"{SectionName}:L2 must be ≥ 0 (was {L2}).");
        if (Bins is < 2 or > 255) errors.Add($"{SectionName}:Bins must be in [2, 255] (was {Bins}).");
        return errors;
    }
}
