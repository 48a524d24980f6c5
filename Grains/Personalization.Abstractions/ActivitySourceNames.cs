namespace Personalization.Abstractions;

/// <summary>
/// The activity sources the hosts trace (OPERATIONS.md "Traces"): the project's own (silo work: journal commit and
/// storage; the engine's stages) and Orleans' grain calls and grain storage. Spans are created only while a tracer
/// listens, so the sources cost nothing when tracing is off.
/// </summary>
public static class ActivitySourceNames
{
    /// <summary>The silo's own spans: journal commit, the partition writer's batch, the segment insert.</summary>
    public const string Personalization = "Personalization";

    /// <summary>The engine's stages (candidates, re-rank, exploration); the same name as <c>Personalization.Engine.EngineTracing.SourceName</c>.</summary>
    public const string Engine = "Personalization.Engine";

    /// <summary>Orleans' spans of application grain calls (client and server side, with <c>AddActivityPropagation</c>).</summary>
    public const string OrleansApplication = "Microsoft.Orleans.Application";

    /// <summary>Orleans' spans of grain storage reads and writes (the listener snapshots).</summary>
    public const string OrleansStorage = "Microsoft.Orleans.Storage";

    public static IReadOnlyList<string> All { get; } = [Personalization, Engine, OrleansApplication, OrleansStorage];
}
