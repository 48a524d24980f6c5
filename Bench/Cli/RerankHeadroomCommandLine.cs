using System.CommandLine;
using System.CommandLine.Parsing;
using Personalization.Bench.Engine;
using Personalization.Engine.Ranking;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>rerank-headroom FILE</c>: the HR@10 a re-ranker of the engine's top 50 could add, measured on a candidate file
/// written by <c>evaluate --direct --candidates FILE</c> (linear score, or boosted trees with <c>--boosted</c>).
/// </summary>
internal sealed class RerankHeadroomCommandLine
{
    private readonly Argument<string> _file = new("FILE")
    {
        Description = "Candidates written by evaluate --direct --candidates FILE.",
    };

    private readonly Option<bool> _engineFeatures = new("--engine-features")
    {
        Description = "The features computed from facts only the replay knows read as 0 (what the engine itself could use).",
    };

    private readonly Option<bool> _boosted = new("--boosted")
    {
        Description = "Gradient-boosted trees (LambdaMART) instead of a linear score; the linear one is fitted on half the queries and measured on the other half.",
    };

    private readonly Option<double?> _trainFirst = SharedOptions.Share(
        "--train-first",
        "With --boosted: fit on the first SHARE (0-1, exclusive) of the queries in replay order, measure on the rest (default: alternate folds).",
        "a number in (0, 1)",
        x => x is > 0 and < 1);

    private readonly Option<int?> _trees = SharedOptions.Count("--trees", "With --boosted: the number of trees (default: Personalization:Ranker:Trees).");
    private readonly Option<int?> _depth = SharedOptions.Count("--depth", "With --boosted: the trees' depth (default: Personalization:Ranker:Depth).");
    private readonly Option<int?> _minLeaf = SharedOptions.Count("--min-leaf", "With --boosted: the fewest examples in a leaf (default: Personalization:Ranker:MinLeaf).");

    public RerankHeadroomCommandLine()
    {
        Command = new Command("rerank-headroom", "What re-ranking the engine's top candidates could add to HR@10, from a candidate file.")
        {
            _file, _engineFeatures, _boosted, _trainFirst, _trees, _depth, _minLeaf,
        };
        CommandLineErrors.ValidateWith(Command, Read);
        Command.SetAction(Run);
    }

    public Command Command { get; }

    public HeadroomArguments Read(CommandResult result)
    {
        var boosting = new RankerOptions();
        var trees = result.GetValue(_trees);
        var depth = result.GetValue(_depth);
        var minLeaf = result.GetValue(_minLeaf);
        if (trees is { } t) boosting.Trees = t;
        if (depth is { } d) boosting.Depth = d;
        if (minLeaf is { } m) boosting.MinLeaf = m;
        var boosted = result.GetValue(_boosted);
        var trainFirst = result.GetValue(_trainFirst);
        if ((trainFirst is not null || trees is not null || depth is not null || minLeaf is not null) && !boosted)
        {
            throw new ArgumentException("--train-first, --trees, --depth and --min-leaf apply to --boosted only.");
        }

        if (boosting.Validate() is [var first, ..]) throw new ArgumentException(first);
        return new HeadroomArguments(result.GetValue(_file) ?? "", boosted, trainFirst, boosting, result.GetValue(_engineFeatures));
    }

    private int Run(ParseResult parse)
    {
        var headroom = Read(parse.CommandResult);
        if (!File.Exists(headroom.File))
        {
            Console.Error.WriteLine($"error: Candidate file '{headroom.File}' not found.");
            return 2;
        }

        var candidates = RerankHeadroom.Read(headroom.File, headroom.EngineFeaturesOnly);
        Console.Write(headroom.Boosted
            ? BoostedHeadroom.Render(BoostedHeadroom.Measure(candidates, headroom.TrainFirst, headroom.Boosting))
            : RerankHeadroom.Render(RerankHeadroom.Measure(candidates)));
        return 0;
    }
}
