using Personalization.Bench.Cli;
using Personalization.Bench.Engine;

if (args.Length > 0 && args[0] == "durable")
{
    // durable [--seconds N] [--users N] [--concurrency N] [--set Section:Key=Value ...]: durable ingest vs raw upserts on a fresh Azurite.
    int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    var overrides = args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length)
        .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
    using var azurite = await Personalization.Testing.Processes.AzuriteProcess.StartAsync();
    var r = await Personalization.Bench.Durable.DurableBenchmark.RunAsync(
        azurite.ConnectionString, azurite.Pid, TimeSpan.FromSeconds(Arg("--seconds", 10)), Arg("--users", 2000), Arg("--concurrency", 512), overrides, Console.Out);
    Console.WriteLine($"durable_vs_raw_upsert {r.DurableEventsPerSecond / r.RawUpsertsPerSecond:F2}; storage_tx_per_event {r.TransactionsPerEvent:F4} (journal appends; with the default snapshot policy, snapshot writes and compaction deletes add at most 0.01 each per event in a steady state)");
    return 0;
}

if (args.Length > 0 && args[0] == "perf")
{
    // perf [--quick] [--json OUT] [--report OUT.md] [--only ...]: throughput, latency, memory and scale (issue 7).
    return await Personalization.Bench.Perf.PerfMain.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "backfill")
{
    // backfill [--quick] [--azure] [--json OUT]: import events/s vs the ingest scenario, same run, same silos (issue 23).
    return await Personalization.Bench.Backfill.BackfillMain.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "restore")
{
    // restore [--quick] [--tracks N]: the durable model's checkpoint cost and restart time on Azurite (issue 18).
    var sizes = args.Contains("--quick") ? Personalization.Bench.Restore.RestoreSizes.Quick : Personalization.Bench.Restore.RestoreSizes.Full;
    if (Array.IndexOf(args, "--tracks") is var t and >= 0 && t + 1 < args.Length && int.TryParse(args[t + 1], out var tracks) && tracks > 0) sizes = sizes with { Tracks = tracks };
    var restore = await Personalization.Bench.Restore.RestoreBenchmark.RunAsync(sizes, Console.Out);
    Console.WriteLine(Personalization.Bench.Restore.RestoreBenchmark.Render(restore, sizes));
    return restore.ObservationsRestored == restore.Observations ? 0 : 1;
}

if (args.Length > 0 && args[0] == "model-memory")
{
    // model-memory [--quick] [--tracks N]: bytes per track of each part of the shared model, and the sizing table (issue 19).
    var tracks = args.Contains("--quick") ? 50_000 : 1_000_000;
    if (Array.IndexOf(args, "--tracks") is var t and >= 0 && t + 1 < args.Length && int.TryParse(args[t + 1], out var n) && n > 0) tracks = n;
    var memory = Personalization.Bench.ModelMemory.ModelMemoryBenchmark.Run(tracks, shards: 8, Console.Out);
    Console.WriteLine(Personalization.Bench.ModelMemory.ModelMemoryBenchmark.Render(memory));
    return 0;
}

if (args.Length > 0 && args[0] == "catalog")
{
    // catalog [--quick] [--tracks N] [--requests N]: catalogue import (tracks/s), silo cache bytes per track, recommend p50/p99 with market+explicit vs none (issue 20).
    var quick = args.Contains("--quick");
    int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
    var catalog = await Personalization.Bench.Catalog.CatalogBenchmark.RunAsync(Arg("--tracks", quick ? 50_000 : 1_000_000), Arg("--requests", quick ? 2_000 : 20_000), Console.Out);
    Console.WriteLine(Personalization.Bench.Catalog.CatalogBenchmark.Render(catalog));
    return catalog.P50Ratio <= 1.2 ? 0 : 1;
}

if (args.Length > 0 && args[0] == "rerank-headroom")
{
    // rerank-headroom FILE [--engine-features] [--boosted [--train-first SHARE] [--trees N] [--depth N] [--min-leaf N]]: what re-ranking the engine's top candidates could add
    // (FILE from PERSONALIZATION_BENCH_CANDIDATES).
    HeadroomArguments headroom;
    try
    {
        headroom = HeadroomArguments.Parse(args[1..]);
        if (!File.Exists(headroom.File)) throw new FileNotFoundException($"Candidate file '{headroom.File}' not found.");
    }
    catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }

    var candidates = RerankHeadroom.Read(headroom.File, headroom.EngineFeaturesOnly);
    Console.Write(headroom.Boosted
        ? BoostedHeadroom.Render(BoostedHeadroom.Measure(candidates, headroom.TrainFirst, headroom.Boosting))
        : RerankHeadroom.Render(RerankHeadroom.Measure(candidates)));
    return 0;
}

if (args.Length == 0 || args[0] != "evaluate")
{
    Console.Error.WriteLine(EvaluateArguments.Usage);
    return 2;
}

EvaluateArguments options;
try
{
    options = EvaluateArguments.Parse(args[1..]);
    foreach (var file in options.Events)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"Event file '{file}' not found (full path: {Path.GetFullPath(file)}).");
    }
}
catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

try
{
    await EvaluateCommand.RunAsync(options, Console.Out, Console.Error);
}
catch (InvalidDataException unreadable)
{
    Console.Error.WriteLine($"error: {unreadable.Message}"); // a file without the session-rec header: nothing to replay
    return 2;
}

return 0;
