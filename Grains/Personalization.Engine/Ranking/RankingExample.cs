namespace Personalization.Engine.Ranking;

/// <summary>
/// One play the re-ranker learns from: the <see cref="RankingFeatures"/> of the engine's top candidates just before
/// the play, in the engine's order, and the index of the track that was played.
/// </summary>
public sealed record RankingExample(float[][] Rows, int Target);
