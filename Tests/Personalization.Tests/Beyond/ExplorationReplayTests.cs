using Personalization.Bench.Cli;
using Personalization.Bench.Evaluation;
using Personalization.Engine.SessionLogs;

namespace Personalization.Tests.Beyond;

/// <summary>The evaluator's exploration columns on a replay small enough to compute by hand.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class ExplorationReplayTests
{
    // After de-duplication: (s1 A 1) (s1 B 2) (s2 A 3) (s2 B 4) (s2 C 5); warm-up 0.4 = 2 events; (s2 A) opens its
    // session, so the queries are before (s2 B) and before (s2 C).
    private const string Log =
        "UserId\tSessionId\tItemId\tTime\tArtistId\n" +
        "u1\ts1\tA\t1\tx\n" +
        "u1\ts1\tB\t2\tx\n" +
        "u1\ts1\tB\t2\tx\n" +
        "u2\ts2\tA\t3\tx\n" +
        "u2\ts2\tB\t4\tx\n" +
        "u2\ts2\tC\t5\ty\n";

    [Fact]
    public async Task Novelty_and_ips_snips_from_a_stochastic_log_match_the_hand_computed_values()
    {
        var fixedModel = new ScriptedModel("fixed", stochastic: false, (["B", "A"], [1, 1]), (["B", "A"], [1, 1]));
        var logger = new ScriptedModel("logger", stochastic: true, (["B", "C"], [0.8, 0.5]), (["C", "A"], [0.25, 0.6]));
        var slice = SessionLogReader.Parse("fixture", new StringReader(Log));

        var result = await new ReplayRunner(0.4).RunAsync(slice, new TrackCatalog(), [fixedModel, logger]);

        Assert.Equal("logger", result.OffPolicyLogger);
        var target = result.OffPolicy!["fixed"];
        Assert.Equal(2, target.N);
        Assert.Equal(1.25 / 2, target.Ips, 12);     // query 1: same first item B, a hit, w = 1 / 0.8; query 2: w = 0
        Assert.Equal(1.0, target.Snips, 12);
        Assert.Equal(0.5, target.MeasuredHitRate, 12);
        var onPolicy = result.OffPolicy["logger"];
        Assert.Equal((1.0, 1.0, 1.0), (onPolicy.Ips, onPolicy.Snips, onPolicy.MeasuredHitRate));

        // Plays before query 1: A 2, B 1 (of 3); before query 2: A 2, B 2 (of 4). u2 had played A, then A and B.
        var bits = (-Math.Log2(2 / 4.0) - Math.Log2(3 / 4.0) - 2 * Math.Log2(3 / 5.0)) / 4;
        Assert.Equal(bits, result.Novelty!["fixed"].SelfInformation, 12);
        Assert.Equal(1 / 4.0, result.Novelty["fixed"].Unplayed, 12);
    }

    [Fact]
    public void The_explore_flag_is_parsed_and_off_by_default()
    {
        var options = EvaluateArguments.Parse(["--events", "f.tsv", "--explore"]);

        Assert.True(options.Explore);
        Assert.False(EvaluateArguments.Parse(["--events", "f.tsv"]).Explore);
    }

    [Fact]
    public async Task Without_a_stochastic_model_there_is_no_counterfactual_section()
    {
        var fixedModel = new ScriptedModel("fixed", stochastic: false, (["B"], [1]), (["C"], [1]));
        var slice = SessionLogReader.Parse("fixture", new StringReader(Log));

        var result = await new ReplayRunner(0.4).RunAsync(slice, new TrackCatalog(), [fixedModel]);

        Assert.Null(result.OffPolicyLogger);
        Assert.Null(result.OffPolicy);
    }

    private sealed class ScriptedModel(string name, bool stochastic, params (string[] Tracks, double[] Propensities)[] answers)
        : ISequenceModel, IPropensityLogger
    {
        private int _next;

        public string Name => name;

        public bool IsStochastic => stochastic;

        public IReadOnlyList<double> LastPropensities { get; private set; } = [];

        public ValueTask RecordAsync(SessionEvent e) => ValueTask.CompletedTask;

        public ValueTask SyncAsync() => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
        {
            var (tracks, propensities) = answers[_next++];
            LastPropensities = propensities;
            return ValueTask.FromResult<IReadOnlyList<string>>(tracks);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
