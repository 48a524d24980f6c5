using System.Globalization;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>rerank-headroom FILE [--boosted [--train-first SHARE]]</c>: the linear re-ranker's headroom, or with
/// <c>--boosted</c> the boosted trees' (alternate folds, or fitted on the first SHARE of the queries in replay order).
/// </summary>
public sealed record HeadroomArguments(string File, bool Boosted, double? TrainFirst)
{
    public const string Usage =
        "usage: rerank-headroom FILE [--boosted [--train-first SHARE]]\n" +
        "  FILE: candidates written by evaluate --direct with PERSONALIZATION_BENCH_CANDIDATES=FILE; prints the HR@10 a\n" +
        "  re-ranker of the engine's top 50 could add, fitted on half the queries and measured on the other half.\n" +
        "  --boosted: gradient-boosted trees (LambdaMART) instead of a linear score;\n" +
        "  --train-first SHARE: fit on the first SHARE (0–1) of the queries in replay order, measure on the rest.";

    public static HeadroomArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? file = null;
        var boosted = false;
        double? trainFirst = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--boosted": boosted = true; break;
                case "--train-first":
                    var text = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"--train-first needs a value.\n{Usage}");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is <= 0 or >= 1)
                    {
                        throw new ArgumentException($"--train-first must be a number in (0, 1) (was '{text}').");
                    }

                    trainFirst = share;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null) throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
                    file = args[i];
                    break;
            }
        }

        if (file is null) throw new ArgumentException($"The candidate FILE is required.\n{Usage}");
        if (trainFirst is not null && !boosted) throw new ArgumentException("--train-first applies to --boosted only.");
        return new HeadroomArguments(file, boosted, trainFirst);
    }
}
