namespace Personalization.Bench.Backfill;

/// <summary>One imported history: <see cref="Listeners"/> listeners with <see cref="RowsPerListener"/> plays each.</summary>
public sealed record HistoryShape(int Listeners, int RowsPerListener)
{
    public int Rows => Listeners * RowsPerListener;

    public string Name => $"{RowsPerListener}-per-listener";
}
