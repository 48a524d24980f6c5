using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Personalization.Abstractions.Catalog;
using Personalization.Client.Facade;
using Personalization.Client.Http;

namespace Personalization.Import;

/// <summary>
/// Loads a catalogue into a running cluster (<c>import --catalog FILE</c>): JSON lines, plain or .gz, one track per line,
/// exactly the HTTP API's track object (<c>PUT /v1/catalog/tracks/{id}</c>, with <c>trackId</c>). Streamed: lines are
/// read, validated and sent in per-partition batches of <see cref="ImportOptions.Batch"/>, with at most
/// <see cref="ImportOptions.Parallel"/> calls in flight, so memory does not grow with the file. Idempotent: a track
/// already as written is counted "unchanged" and changes nothing, so an interrupted import is resumed by running it
/// again. A bad line is reported as <c>file:line: field: reason</c> and skipped (with <see cref="ImportOptions.Strict"/>
/// the import stops before sending anything more).
/// </summary>
public sealed class CatalogImporter(ICatalogClient catalog, CatalogValidator validator, ImportOptions options, TextWriter report)
{
    public async Task<CatalogImportSummary> RunAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var summary = new CatalogImportSummary();
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        var buffers = new List<CatalogEntry>[CatalogPartitions.Count];
        for (var p = 0; p < buffers.Length; p++) buffers[p] = [];
        var inFlight = new List<Task>();
        var batch = Math.Min(options.Batch, validator.Ids.Limits.MaxBatchSize);

        async Task SendAsync(List<CatalogEntry> tracks)
        {
            var result = await catalog.UpsertAsync(tracks, cancellationToken);
            lock (summary)
            {
                summary.Changed += result.Changed;
                summary.Unchanged += result.Unchanged;
            }
        }

        async Task FlushAsync(int partition)
        {
            var tracks = buffers[partition];
            if (tracks.Count == 0) return;
            buffers[partition] = [];
            inFlight.Add(SendAsync(tracks));
            if (inFlight.Count >= options.Parallel)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }
        }

        foreach (var file in files)
        {
            summary.Files++;
            await using var stream = File.OpenRead(file);
            await using var decoded = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            using var reader = new StreamReader(decoded);
            var name = Path.GetFileName(file);
            var line = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                summary.Rows++;
                var (entry, problem) = Read(text);
                if (entry is null)
                {
                    summary.Refused++;
                    await report.WriteLineAsync($"skipped {name}:{line}: {problem}");
                    if (options.Strict)
                    {
                        summary.StoppedBecause = $"{name}:{line}: {problem} (--strict)";
                        await Task.WhenAll(inFlight);
                        summary.Elapsed = Stopwatch.GetElapsedTime(started);
                        return summary;
                    }

                    continue;
                }

                var partition = CatalogPartitions.Of(entry.TrackId);
                buffers[partition].Add(entry);
                if (buffers[partition].Count >= batch) await FlushAsync(partition);
                if (Stopwatch.GetElapsedTime(lastProgress) >= options.ProgressEvery)
                {
                    lastProgress = Stopwatch.GetTimestamp();
                    var share = stream.Length > 0 ? 100.0 * stream.Position / stream.Length : 100;
                    await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: {summary.Rows:N0} tracks read ({share:F1} % of the file), {summary.Rows / Stopwatch.GetElapsedTime(started).TotalSeconds:N0} tracks/s"));
                }
            }
        }

        for (var p = 0; p < buffers.Length; p++) await FlushAsync(p);
        await Task.WhenAll(inFlight);
        summary.Elapsed = Stopwatch.GetElapsedTime(started);
        return summary;
    }

    private (CatalogEntry? Entry, string? Problem) Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ApiJson.MaxDepth });
        }
        catch (JsonException)
        {
            return (null, "line: is not valid JSON.");
        }

        using (document)
        {
            var (entry, errors) = CatalogBodyReader.ReadTrack(document.RootElement, validator, "track");
            return entry is not null ? (entry, null) : (null, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
    }
}
