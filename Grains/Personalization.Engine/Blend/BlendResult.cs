namespace Personalization.Engine.Blend;

/// <summary>
/// The mixed queue, each member's share (items good for them; index = member) and the floor the mixer guarantees:
/// <c>floor(count / members)</c>, for every member that had at least that many usable candidates.
/// </summary>
public sealed record BlendResult(IReadOnlyList<BlendPick> Items, IReadOnlyList<int> Shares, IReadOnlyList<int> UsableCandidates, int FairnessFloor);
