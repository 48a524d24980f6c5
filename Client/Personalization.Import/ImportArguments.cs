using System.Globalization;

namespace Personalization.Import;

/// <summary>The import command's arguments (see <see cref="Usage"/>).</summary>
public sealed record ImportArguments(IReadOnlyList<string> Events, string Checkpoint, ImportOptions Options, IReadOnlyList<string> Catalogs)
{
    public const string Usage =
        "usage: import [--catalog FILE ...] [--events FILE ...] [--checkpoint FILE] [--strict] [--ordered] [--parallel N] [--wave N] [--batch N]\n" +
        "  --catalog FILE: catalogue tracks, JSON lines (plain or .gz), one track per line: the HTTP API's track object\n" +
        "    {\"trackId\", \"artists\": [{\"id\", \"name\"}], \"markets\": [\"SE\", ...] or [\"all\"], \"explicit\", \"album\", \"durationMs\",\n" +
        "    \"releaseDate\": \"YYYY-MM-DD\", \"genres\"}. Loaded before any --events; idempotent (run it again to resume).\n" +
        "  FILE: session-rec TSV (header UserId SessionId ItemId Time ArtistId; plain or .gz), or JSON lines named\n" +
        "    *.jsonl / *.jsonl.gz: {\"userId\": \"u1\", \"event\": {the HTTP API's event object, timestamp required}} per line.\n" +
        "  --checkpoint FILE: where progress is kept (default import.checkpoint.json); run the same command again to resume.\n" +
        "  --strict: stop at the first unreadable or refused row (default: report it with file:line and skip it).\n" +
        "  --ordered: strict event-time order, one listener's consecutive rows per call, one call at a time (slower; the\n" +
        "    shared model then learns exactly what a live replay in event-time order teaches).\n" +
        "  --parallel N: listeners imported at once (64); --wave N: rows per wave, in event-time order, and rows between\n" +
        "    checkpoint writes (5000);\n" +
        "  --batch N: events per grain call (500).\n" +
        "  The cluster is found through Personalization:Client (environment variables Personalization__Client__...).";

    public static ImportArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = new List<string>();
        var catalogs = new List<string>();
        var checkpoint = "import.checkpoint.json";
        var options = new ImportOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Number()
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} must be an integer (was '{text}').");
            }

            switch (args[i])
            {
                case "--events": events.Add(Value()); break;
                case "--catalog": catalogs.Add(Value()); break;
                case "--checkpoint": checkpoint = Value(); break;
                case "--strict": options = options with { Strict = true }; break;
                case "--ordered": options = options with { Ordered = true }; break;
                case "--parallel": options = options with { Parallel = Number() }; break;
                case "--wave": options = options with { Wave = Number() }; break;
                case "--batch": options = options with { Batch = Number() }; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (events.Count == 0 && catalogs.Count == 0) throw new ArgumentException($"At least one --events or --catalog FILE is required.\n{Usage}");
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors));
        foreach (var file in events.Concat(catalogs))
        {
            if (!File.Exists(file)) throw new ArgumentException($"File '{file}' not found (full path: {Path.GetFullPath(file)}).");
        }

        return new ImportArguments(events, checkpoint, options, catalogs);
    }
}
