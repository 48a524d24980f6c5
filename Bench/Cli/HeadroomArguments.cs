using System.Globalization;

using Personalization.Engine.Ranking;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>rerank-headroom FILE [--engine-features] [--boosted [--train-first SHARE] [--trees N] [--depth N] [--min-leaf N]]</c>:
/// the linear re-ranker's headroom, or with <c>--boosted</c> the boosted trees' (alternate folds, or fitted on the first
/// SHARE of the queries in replay order); <c>--engine-features</c> leaves out what only the replay knows.
/// </summary>
public sealed record HeadroomArguments(string File, bool Boosted, double? TrainFirst, RankerOptions Boosting, bool EngineFeaturesOnly = false)
{
    public const string Usage =
        "usage: rerank-headroom FILE [--engine-features] [--boosted [--train-first SHARE] [--trees N] [--depth N] [--min-leaf N]]\n" +
        "  FILE: candidates written by evaluate --direct with PERSONALIZATION_BENCH_CANDIDATES=FILE; prints the HR@10 a\n" +
        "  re-ranker of the engine's top 50 could add, fitted on half the queries and measured on the other half.\n" +
        "  --engine-features: the features computed from facts only the replay knows read as 0;\n" +
        "  --boosted: gradient-boosted trees (LambdaMART) instead of a linear score;\n" +
        "  --train-first SHARE: fit on the first SHARE (0–1) of the queries in replay order, measure on the rest;\n" +
        "  --trees, --depth, --min-leaf: the trees' size (defaults: the engine's Personalization:Ranker options).";

    public static HeadroomArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? file = null;
        var boosted = false;
        double? trainFirst = null;
        var boosting = new RankerOptions();
        var sized = false;
        var engineFeaturesOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--boosted": boosted = true; break;
                case "--engine-features": engineFeaturesOnly = true; break;
                case "--train-first":
                    var text = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"--train-first needs a value.\n{Usage}");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is <= 0 or >= 1)
                    {
                        throw new ArgumentException($"--train-first must be a number in (0, 1) (was '{text}').");
                    }

                    trainFirst = share;
                    break;
                case "--trees": boosting.Trees = Count(args, ref i, 1); sized = true; break;
                case "--depth": boosting.Depth = Count(args, ref i, 1); sized = true; break;
                case "--min-leaf": boosting.MinLeaf = Count(args, ref i, 1); sized = true; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null) throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
                    file = args[i];
                    break;
            }
        }

        if (file is null) throw new ArgumentException($"The candidate FILE is required.\n{Usage}");
        if ((trainFirst is not null || sized) && !boosted) throw new ArgumentException("--train-first, --trees, --depth and --min-leaf apply to --boosted only.");
        if (boosting.Validate() is [var first, ..]) throw new ArgumentException(first);
        return new HeadroomArguments(file, boosted, trainFirst, boosting, engineFeaturesOnly);
    }

    private static int Count(IReadOnlyList<string> args, ref int i, int min)
    {
        var name = args[i];
        var text = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be a whole number ≥ {min} (was '{text}').");
    }
}
