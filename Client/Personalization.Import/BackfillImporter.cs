using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Engine.SessionLogs;

namespace Personalization.Import;

/// <summary>
/// Imports listening history into a running cluster through <see cref="IUserGrain.ImportAsync"/>. Each file's rows, in
/// event-time order, are taken in waves (<see cref="ImportOptions.Wave"/>): a wave's rows are grouped by listener, each
/// listener's events are sent in order (batches of <see cref="ImportOptions.Batch"/>) and listeners are sent in
/// parallel; the next wave starts when every listener acknowledged, and the checkpoint then records the wave. So the
/// cluster learns the history in nearly the order it happened (exactly, one listener's run of rows at a time, with
/// <see cref="ImportOptions.Ordered"/>), and an interrupted import resumes at its last recorded wave: listeners recognize the rows they already have (see
/// <see cref="IUserGrain.ImportAsync"/>), which makes a resumed or repeated import change nothing.
/// A row that cannot be read, or that the cluster's validation refuses, is reported (<c>file:line: reason</c>) and
/// skipped, or with <see cref="ImportOptions.Strict"/> stops the import before anything of its wave is sent.
/// </summary>
public sealed class BackfillImporter(IGrainFactory grains, RequestValidator validator, ImportOptions options, TextWriter report, TimeProvider? clock = null)
{
    private const int StorageRetries = 5;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TextWriter _report = TextWriter.Synchronized(report ?? throw new ArgumentNullException(nameof(report))); // listeners report in parallel

    public async Task<ImportSummary> RunAsync(IReadOnlyList<string> files, string checkpointPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors));
        var checkpoint = ImportCheckpoint.Load(checkpointPath);
        var summary = new ImportSummary();
        var listeners = new HashSet<string>(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        var progress = new ProgressLine(_report, options.ProgressEvery);
        try
        {
            foreach (var file in files)
            {
                if (!await ImportFileAsync(file, checkpoint, summary, listeners, progress, started, cancellationToken)) break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            summary.StoppedBecause = "cancelled (resume with the same --checkpoint)";
        }

        summary.Listeners = listeners.Count;
        summary.Elapsed = Stopwatch.GetElapsedTime(started);
        return summary;
    }

    private async Task<bool> ImportFileAsync(
        string file, ImportCheckpoint checkpoint, ImportSummary summary, HashSet<string> listeners, ProgressLine progress, long started, CancellationToken cancellationToken)
    {
        var source = ImportSource.Read(file);
        summary.Files++;
        summary.Unreadable += source.Unreadable.Count;
        foreach (var problem in source.Unreadable.First) await _report.WriteLineAsync($"skipped {problem}");
        if (source.Unreadable.Count > source.Unreadable.First.Count)
        {
            await _report.WriteLineAsync($"skipped {source.Unreadable.Count - source.Unreadable.First.Count} more unreadable rows of {file}");
        }

        if (options.Strict && source.Unreadable.Count > 0)
        {
            summary.StoppedBecause = $"--strict: {source.Unreadable.First[0]}";
            return false;
        }

        var position = checkpoint.For(file);
        if (position.Complete)
        {
            await _report.WriteLineAsync($"{file}: already imported (checkpoint {position.Done:N0} rows)");
            return true;
        }

        if (position.Done > 0) await _report.WriteLineAsync($"{file}: resuming at row {position.Done:N0} of {source.Rows.Count:N0}");
        var done = Math.Min(position.Done, source.Rows.Count);
        var runStart = done;
        var saved = done;
        while (done < source.Rows.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wave = NextWave(source.Rows, done);
            var accepted = new List<ImportRow>(wave.Count);
            foreach (var row in wave)
            {
                var refused = validator.ValidateEvent(row.Event, _clock.GetUtcNow());
                if (refused.Count == 0)
                {
                    accepted.Add(row);
                    continue;
                }

                var problem = new RowProblem(row.File, row.Line, Describe(refused));
                if (options.Strict)
                {
                    summary.StoppedBecause = $"--strict: {problem}";
                    return false;
                }

                summary.Refused++;
                await _report.WriteLineAsync($"skipped {problem}");
            }

            if (!await SendWaveAsync(accepted, summary, listeners, cancellationToken)) return false;
            done += wave.Count;
            if (done - saved >= options.Wave || done == source.Rows.Count)
            {
                checkpoint.Save(position with { Done = done, Complete = done == source.Rows.Count });
                saved = done;
                progress.Report(file, done, source.Rows.Count, done - runStart, Stopwatch.GetElapsedTime(started));
            }
        }

        if (source.Rows.Count == 0) checkpoint.Save(position with { Complete = true });
        progress.Finish(file, done, source.Rows.Count, done - runStart, Stopwatch.GetElapsedTime(started));
        return true;
    }

    /// <summary>
    /// The rows sent together from <paramref name="from"/>: <see cref="ImportOptions.Wave"/> rows, or with
    /// <see cref="ImportOptions.Ordered"/> one listener's consecutive rows (at most one batch).
    /// </summary>
    private List<ImportRow> NextWave(IReadOnlyList<ImportRow> rows, int from)
    {
        if (!options.Ordered) return [.. rows.Skip(from).Take(options.Wave)];
        var user = rows[from].UserId;
        var run = new List<ImportRow>();
        for (var i = from; i < rows.Count && run.Count < BatchSize && rows[i].UserId == user; i++) run.Add(rows[i]);
        return run;
    }

    private int BatchSize => Math.Min(options.Batch, validator.Limits.MaxBatchSize);

    /// <summary>Sends one wave: each listener's rows in order, listeners in parallel. False when --strict stopped it.</summary>
    private async Task<bool> SendWaveAsync(List<ImportRow> rows, ImportSummary summary, HashSet<string> listeners, CancellationToken cancellationToken)
    {
        var byListener = rows.GroupBy(r => r.UserId, StringComparer.Ordinal).ToList();
        foreach (var group in byListener) listeners.Add(group.Key);
        var gate = new Lock();
        string? stop = null;
        var batch = BatchSize;
        await Parallel.ForEachAsync(byListener, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var user = grains.GetGrain<IUserGrain>(group.Key);
            foreach (var chunk in group.Chunk(batch))
            {
                var (imported, present, problems) = await SendAsync(user, chunk, ct);
                lock (gate)
                {
                    summary.Rows += chunk.Length;
                    summary.Imported += imported;
                    summary.AlreadyPresent += present;
                    summary.Refused += problems.Count;
                    if (options.Strict && problems.Count > 0) stop ??= $"--strict: {problems[0]}";
                }

                foreach (var problem in problems) await _report.WriteLineAsync($"skipped {problem}");
                if (options.Strict && problems.Count > 0) return; // the rest of this listener's events would follow a refused one
            }
        });
        if (stop is null) return true;
        summary.StoppedBecause = stop;
        return false;
    }

    /// <summary>
    /// One listener's batch. If the cluster refuses it (its validation limits differ from this importer's, or a Strict
    /// catalogue does not know a track), the events
    /// are sent one at a time so only the refused ones are skipped, each reported with its row.
    /// </summary>
    private async Task<(int Imported, int Present, List<RowProblem> Problems)> SendAsync(IUserGrain user, ImportRow[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync(user, [.. chunk.Select(r => r.Event)], cancellationToken);
            return (result.Applied, result.Duplicates, []);
        }
        catch (Exception batch) when (Refusal(batch) is not null && chunk.Length > 1)
        {
            int imported = 0, present = 0;
            var problems = new List<RowProblem>();
            foreach (var row in chunk)
            {
                try
                {
                    var result = await CallAsync(user, [row.Event], cancellationToken);
                    imported += result.Applied;
                    present += result.Duplicates;
                }
                catch (Exception refused) when (Refusal(refused) is { } errors)
                {
                    problems.Add(new RowProblem(row.File, row.Line, Describe(errors)));
                    if (options.Strict) break;
                }
            }

            return (imported, present, problems);
        }
        catch (Exception refused) when (Refusal(refused) is { } errors)
        {
            return (0, 0, [new RowProblem(chunk[0].File, chunk[0].Line, Describe(errors))]);
        }
    }

    /// <summary>The field errors of a refused batch: invalid, or naming a track a Strict catalogue does not know; null for any other failure.</summary>
    private static IReadOnlyList<FieldError>? Refusal(Exception ex) => ex switch
    {
        InvalidEventException invalid => invalid.Errors,
        Abstractions.Catalog.CatalogRefusedException refused => refused.Errors,
        _ => null,
    };

    /// <summary>Membership churn is retried by <see cref="ClusterRetry"/>; a storage outage after the time it asks for.</summary>
    private static async Task<RecordResult> CallAsync(IUserGrain user, IReadOnlyList<ListenEvent> events, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ClusterRetry.RunAsync(() => user.ImportAsync(events), cancellationToken);
            }
            catch (StorageUnavailableException outage) when (attempt < StorageRetries)
            {
                await Task.Delay(outage.RetryAfter, cancellationToken);
            }
        }
    }

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "refused by the cluster." : string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"));
}
