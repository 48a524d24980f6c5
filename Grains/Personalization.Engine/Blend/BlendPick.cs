namespace Personalization.Engine.Blend;

/// <summary>
/// One track of the shared queue: the candidate as the picking member ranked it, whose turn it was (member index),
/// every member it is good for (indexes, ascending; includes the picker), and its group value (Σ of what it is worth to
/// each of them).
/// </summary>
public sealed record BlendPick(BlendCandidate Candidate, int PickedFor, IReadOnlyList<int> GoodFor, double GroupValue);
