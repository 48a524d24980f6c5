using System.Diagnostics;
using Personalization.Abstractions;

namespace Personalization.Grains.Operations;

/// <summary>
/// Measures user grain calls from outside the grain (no code in <c>UserGrain</c>): events ingested (applied and
/// duplicate counts from the acknowledgement) and recommendation latency. Other grains pass straight through.
/// </summary>
public sealed class MetricsCallFilter(PersonalizationMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.DeclaringType != typeof(IUserGrain))
        {
            await context.Invoke();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            outcome = exception is StorageUnavailableException ? "storage_unavailable" : "error";
            throw;
        }
        finally
        {
            Record(context, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(IIncomingGrainCallContext context, string outcome, TimeSpan elapsed)
    {
        switch (context.InterfaceMethod!.Name)
        {
            case nameof(IUserGrain.RecommendAsync):
                metrics.RecommendationServed(elapsed, outcome);
                break;
            case nameof(IUserGrain.RecordAsync) or nameof(IUserGrain.RecordBatchAsync) when context.Result is RecordResult result:
                if (result.Applied > 0) metrics.EventsIngested(result.Applied, "applied");
                if (result.Duplicates > 0) metrics.EventsIngested(result.Duplicates, "duplicate");
                break;
        }
    }
}
