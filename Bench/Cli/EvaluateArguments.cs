using System.Globalization;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>evaluate --events FILE [--events FILE ...] [--warmup 0.7] [--json OUT]</c>. Hidden, for tuning only:
/// <c>--direct</c> (engine classes without Orleans) and <c>--set Section:Key=Value</c> (configuration overrides).
/// </summary>
public sealed record EvaluateArguments(
    IReadOnlyList<string> Events,
    double Warmup,
    string? JsonPath,
    bool Direct,
    IReadOnlyDictionary<string, string?> Settings,
    bool Explore = false,
    double? RestartAt = null,
    bool CatalogFromEvents = false)
{
    public const string Usage =
        "usage: evaluate --events FILE [--events FILE ...] [--warmup 0.7] [--json OUT] [--explore] [--restart-at SHARE] [--catalog-from-events]\n" +
        "  FILE: tab-separated session log with header UserId SessionId ItemId Time ArtistId (plain or .gz);\n" +
        "  each file is replayed as an independent slice into a fresh cluster.\n" +
        "  --explore: also run the engine with exploration on (row engine+explore; novelty, IPS/SNIPS from its log).\n" +
        "  --restart-at SHARE: at that share of the scored part (0-1), stop every silo (every grain deactivated) and start\n" +
        "    them again from storage only: users, the shared model and the re-ranker are restored from their checkpoints.\n" +
        "  --catalog-from-events: the engine first admits every track of the slice as its catalogue (a service's catalogue\n" +
        "    lists every track it plays), instead of waiting for enough distinct listeners (Personalization:Engine:AdmissionListeners).\n" +
        HeadroomArguments.Usage;

    public static EvaluateArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = new List<string>();
        var warmup = 0.7;
        string? json = null;
        var direct = false;
        var explore = false;
        var catalog = false;
        double? restartAt = null;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--events": events.Add(Value()); break;
                case "--json": json = Value(); break;
                case "--direct": direct = true; break;
                case "--explore": explore = true; break;
                case "--catalog-from-events": catalog = true; break;
                case "--restart-at":
                    var share = Value();
                    if (!double.TryParse(share, NumberStyles.Float, CultureInfo.InvariantCulture, out var at) || at is < 0 or > 1)
                    {
                        throw new ArgumentException($"--restart-at must be a number in [0, 1] (was '{share}').");
                    }

                    restartAt = at;
                    break;
                case "--warmup":
                    var text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out warmup) || warmup is < 0 or >= 1)
                    {
                        throw new ArgumentException($"--warmup must be a number in [0, 1) (was '{text}').");
                    }

                    break;
                case "--set":
                    var pair = Value();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new ArgumentException($"--set expects Section:Key=Value (was '{pair}').");
                    settings[pair[..eq]] = pair[(eq + 1)..];
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (events.Count == 0) throw new ArgumentException($"At least one --events FILE is required.\n{Usage}");
        if (restartAt is not null && direct) throw new ArgumentException("--restart-at needs the grains (not --direct).");
        return new EvaluateArguments(events, warmup, json, direct, settings, explore, restartAt, catalog);
    }
}
