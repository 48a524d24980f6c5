using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Client.Facade;
using Personalization.Engine;
using StableHash = Personalization.Engine.StableHash;
using Personalization.Engine.Catalog;
using Personalization.Grains.Catalog;
using Personalization.Import;
using Personalization.Testing;
using static System.FormattableString;

namespace Personalization.Bench.Catalog;

/// <summary>
/// The catalogue scenario, in one process with one in-process silo: (1) the catalogue import command's
/// importer loads a JSON-lines catalogue of N tracks (60 % playable everywhere, 20 % in the Nordics, 10 % in US/CA,
/// 10 % only in SE; one in eight explicit) — tracks/s; (2) what a silo's cache costs per track, measured on the cache
/// structure alone and as the silo process's heap growth over the whole import (partition grains, model admission and
/// the memory store included); (3) recommend latency with <c>market=SE&amp;explicit=false</c> against no rule, the same
/// listeners, interleaved call by call in the same run.
/// </summary>
public static class CatalogBenchmark
{
    private const int Listeners = 400;
    private const int PlayedTracks = 2_000;

    public static async Task<CatalogBenchResult> RunAsync(int tracks, int requests, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var folder = Directory.CreateTempSubdirectory("pzn-catalog-bench-");
        try
        {
            var file = Path.Combine(folder.FullName, "catalog.jsonl");
            await WriteCatalogAsync(file, tracks);
            log.WriteLine(Invariant($"catalogue file: {tracks:N0} tracks, {new FileInfo(file).Length / 1e6:F0} MB"));
            var indexBytes = IndexBytesPerTrack(file, tracks);
            log.WriteLine(Invariant($"cache structure: {indexBytes:F0} bytes per track"));

            var cluster = new PersonalizationTestCluster(new TestClusterSettings { Silos = 1 });
            await cluster.InitializeAsync();
            try
            {
                var silo = cluster.SiloServices().Single();
                var before = Heap();
                var validator = silo.GetRequiredService<CatalogValidator>();
                var importer = new CatalogImporter(
                    new CatalogClient(cluster.Client, validator), validator, // the import command's facade, over the cluster's client
                    new ImportOptions { Batch = 500, Parallel = 16, ProgressEvery = TimeSpan.FromSeconds(10) }, log);
                var summary = await importer.RunAsync([file]);
                await silo.GetRequiredService<CatalogCache>().RefreshAsync();
                var heapBytes = (double)(Heap() - before) / tracks;
                log.WriteLine(summary);

                await TeachAsync(cluster);
                var (open, filtered, share, items) = await MeasureAsync(cluster, requests);
                return new CatalogBenchResult(
                    tracks, summary.Elapsed.TotalSeconds, summary.TracksPerSecond, indexBytes, heapBytes, requests,
                    Percentile(open, 0.50), Percentile(open, 0.99), Percentile(filtered, 0.50), Percentile(filtered, 0.99), share, items.Open, items.Filtered);
            }
            finally
            {
                await cluster.DisposeAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static string Render(CatalogBenchResult r) => Invariant($"""
        | measure | value |
        |---|---|
        | catalogue import (`import --catalog`, in-process silo) | {r.Tracks:N0} tracks in {r.ImportSeconds:F1} s = **{r.TracksPerSecond:N0} tracks/s** |
        | silo cache per track (the cache structure and the interned track names) | **{r.IndexBytesPerTrack:F0} B** |
        | silo heap growth per track (whole import: cache, partition grains, memory store, model admission) | {r.SiloHeapBytesPerTrack:F0} B |
        | recommend p50 / p99, no rule ({r.OpenItems:F1} items a list of 10 asked) | {r.OpenP50Ms:F3} / {r.OpenP99Ms:F3} ms |
        | recommend p50 / p99, `market=SE&explicit=false` ({r.FilteredShare:P0} of the catalogue refused; {r.FilteredItems:F1} items a list) | {r.FilteredP50Ms:F3} / {r.FilteredP99Ms:F3} ms |
        | filtered / open p50 (goal ≤ 1.2) | **{r.P50Ratio:F2}** |
        """);

    private static async Task WriteCatalogAsync(string file, int tracks)
    {
        await using var writer = new StreamWriter(file);
        for (var t = 0; t < tracks; t++)
        {
            var (markets, isExplicit) = Rules(t);
            var released = new DateOnly(2015, 1, 1).AddDays(t % 3650).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(Invariant(
                $$"""{"trackId":"{{TrackId(t)}}","artists":[{"id":"{{ArtistId(t)}}","name":"Artist {{t / 10}}"}],"album":"Album {{t / 10}}","durationMs":200000,"releaseDate":"{{released}}","markets":[{{string.Join(',', markets.Select(m => $"\"{m}\""))}}],"explicit":{{(isExplicit ? "true" : "false")}}}"""));
        }
    }

    private static (string[] Markets, bool Explicit) Rules(int t)
    {
        var hash = StableHash.Of(TrackId(t));
        string[] markets = (hash % 10) switch
        {
            < 6 => [Markets.All],
            < 8 => ["DK", "FI", "NO", "SE"],
            8 => ["CA", "US"],
            _ => ["SE"],
        };
        return (markets, hash / 10 % 8 == 0);
    }

    private static string TrackId(int t) => "ct" + t.ToString("D7", CultureInfo.InvariantCulture);

    private static string ArtistId(int t) => "ca" + (t / 10).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The silo cache's structure alone, filled with the file's facts: heap bytes per track.</summary>
    private static double IndexBytesPerTrack(string file, int tracks)
    {
        var before = Heap();
        var index = new CatalogIndex(new Vocabulary()); // the cache interns its tracks: the names count
        for (var t = 0; t < tracks; t++)
        {
            var (markets, isExplicit) = Rules(t);
            index.Apply(TrackId(t), ArtistId(t), Markets.Join(markets), isExplicit, t % 3650, deleted: false);
        }

        var bytes = (double)(Heap() - before) / tracks;
        GC.KeepAlive(index);
        return bytes;
    }

    /// <summary>Listeners complete runs of ten consecutive tracks among the first <see cref="PlayedTracks"/>, so the model learns transitions.</summary>
    private static async Task TeachAsync(PersonalizationTestCluster cluster)
    {
        for (var u = 0; u < Listeners; u++)
        {
            var script = cluster.Listener(UserOf(u));
            for (var s = 0; s < 3; s++)
            {
                var start = (int)(StableHash.Of($"{u}/{s}") % PlayedTracks);
                script.CompleteAll([.. Enumerable.Range(start, 10).Select(t => (TrackId(t % PlayedTracks), ArtistId(t % PlayedTracks)))]);
                if (s < 2) script.Pause(TimeSpan.FromHours(6));
            }

            await script.SendAsync();
        }

        await cluster.SyncModelAsync();
    }

    private static string UserOf(int u) => "cb" + u.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Call by call, alternating which rule goes first, so both see the same listeners, model and machine state.</summary>
    private static async Task<(double[] Open, double[] Filtered, double Share, (double Open, double Filtered) Items)> MeasureAsync(PersonalizationTestCluster cluster, int requests)
    {
        var open = new RecommendRequest(10);
        var filtered = new RecommendRequest(10, Market: "SE", Explicit: false);
        for (var w = 0; w < 2 * Listeners; w++) // warm-up: every listener active, both paths jitted
        {
            await cluster.User(UserOf(w % Listeners)).RecommendAsync(w % 2 == 0 ? open : filtered);
        }

        long openItems = 0, filteredItems = 0;
        var openMs = new double[requests];
        var filteredMs = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var user = cluster.User(UserOf(i % Listeners));
            if (i % 2 == 0)
            {
                (openMs[i], var a) = await TimeAsync(user, open);
                (filteredMs[i], var b) = await TimeAsync(user, filtered);
                (openItems, filteredItems) = (openItems + a, filteredItems + b);
            }
            else
            {
                (filteredMs[i], var b) = await TimeAsync(user, filtered);
                (openMs[i], var a) = await TimeAsync(user, open);
                (openItems, filteredItems) = (openItems + a, filteredItems + b);
            }
        }

        var refused = Enumerable.Range(0, 10_000).Count(t => Rules(t) is var r && (r.Explicit || !(r.Markets.Contains(Markets.All) || r.Markets.Contains("SE"))));
        return (openMs, filteredMs, refused / 10_000.0, ((double)openItems / requests, (double)filteredItems / requests));
    }

    private static async Task<(double Ms, int Items)> TimeAsync(IUserGrain user, RecommendRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var list = await user.RecommendAsync(request);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, list.Items.Count);
    }

    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
