namespace Personalization.Engine.Model;

/// <summary>Heaviest first; ties broken by id so that every list is deterministic.</summary>
public sealed class ScoredIdOrder : IComparer<ScoredId>
{
    public static readonly ScoredIdOrder Instance = new();

    public int Compare(ScoredId x, ScoredId y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Id.CompareTo(y.Id);
}
