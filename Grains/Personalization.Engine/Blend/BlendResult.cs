namespace Personalization.Engine.Blend;

/// <summary>
/// The mixed queue, each member's share (items good for them; index = member), each member's usable candidates (after
/// vetoes) and the floor: <c>floor(count / members)</c> items for every member with at least <c>count</c> usable
/// candidates (see <see cref="BlendMixer"/> for members with fewer).
/// </summary>
public sealed record BlendResult(IReadOnlyList<BlendPick> Items, IReadOnlyList<int> Shares, IReadOnlyList<int> UsableCandidates, int FairnessFloor);
