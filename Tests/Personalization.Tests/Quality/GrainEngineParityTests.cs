using Personalization.Bench.Engine;
using Personalization.Bench.Evaluation;
using Personalization.Engine.SessionLogs;
using Personalization.Engine.Synthetic;

namespace Personalization.Tests.Quality;

/// <summary>
/// The evaluator's `engine` row comes from real grains (the production silo configuration). On a small synthetic
/// replay it must score what the engine classes score directly, up to the two documented differences of the serving
/// path: the sharded model's merged trending list is approximate, and equal scores are ordered by process-local ids.
/// What listeners may teach the shared model (admission, per-listener windows, pace) belongs to the grains only, so
/// it is off here: this compares the serving path, not the admission rules (BENCHMARKS.md "Admission").
/// </summary>
[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class GrainEngineParityTests
{
    [Fact]
    public async Task Replaying_through_the_grains_scores_the_same_as_the_engine_itself()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Seed = 11, Listeners = 40, SessionsPerListener = 3 });
        var tsv = new StringWriter();
        world.WriteSessionRecTsv(tsv);
        var slice = SessionLogReader.Parse("synthetic", new StringReader(tsv.ToString()));
        var settings = new Dictionary<string, string?>
        {
            ["Personalization:Engine:AdmissionListeners"] = "1",
            ["Personalization:Engine:PlayCountWindow"] = "00:00:00",
            ["Personalization:Engine:TransitionCountWindow"] = "00:00:00",
            ["Personalization:Engine:MinListenInterval"] = "00:00:00",
        };

        var direct = await new Evaluator(new ReplayRunner(0.7), prefix => Task.FromResult<ISequenceModel>(new DirectEngineModel(prefix, settings)))
            .EvaluateAsync(slice, 0);
        var grains = await new Evaluator(new ReplayRunner(0.7), async prefix => await GrainEngineModel.StartAsync(prefix, settings))
            .EvaluateAsync(slice, 0);

        var d = direct.Metrics["engine-direct"];
        var g = grains.Metrics["engine"];
        Assert.True(g.N > 100, $"{g.N} scored events");
        Assert.InRange(g.HitRate, 0.05, 1.0); // the synthetic world is learnable: far better than chance
        Assert.Equal(d.N, g.N);
        Assert.InRange(g.HitRate - d.HitRate, -0.03, 0.03); // ±0.03 ≈ ±6 of ~200 hits
        Assert.InRange(g.Ndcg - d.Ndcg, -0.03, 0.03);
    }
}
