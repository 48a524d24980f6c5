using System.Diagnostics;

namespace Personalization.Engine;

/// <summary>
/// The engine's activity source: one span per stage that matters when a recommendation is slow (candidates, re-rank,
/// exploration). <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null while nothing listens,
/// so an untraced recommendation pays one check per stage.
/// </summary>
public static class EngineTracing
{
    public const string SourceName = "Personalization.Engine";

    public const string Candidates = "engine.candidates";
    public const string Rerank = "engine.rerank";
    public const string Explore = "engine.explore";

    internal static readonly ActivitySource Source = new(SourceName);
}
