using Personalization.Bench.Engine;
using Personalization.Bench.Evaluation;
using Personalization.Bench.Reporting;
using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>evaluate</c>: replays each file as an independent slice and writes the result table to <c>output</c> (progress and
/// per-file notes to <c>log</c>). Any file that parses replays to the end: unreadable rows and rows the engine refuses
/// are skipped, counted and the first few named (file, line, reason) in the table and the JSON.
/// </summary>
public static class EvaluateCommand
{
    public static async Task<EvaluationReport> RunAsync(EvaluateArguments options, TextWriter output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        var engineName = options.Direct ? "engine-direct" : "engine";
        Func<string, Task<ISequenceModel>> startEngine = options.Direct
            ? prefix => Task.FromResult<ISequenceModel>(new DirectEngineModel(prefix, options.Settings, instruments: options.Instruments))
            : async prefix => await GrainEngineModel.StartAsync(prefix, options.Settings);
        var exploring = new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase) { ["Personalization:Exploration:Enabled"] = "true" };
        Func<string, Task<ISequenceModel>>? startExplorer = !options.Explore ? null : options.Direct
            ? prefix => Task.FromResult<ISequenceModel>(new DirectEngineModel(prefix, exploring, engineName + "+explore"))
            : async prefix => await GrainEngineModel.StartAsync(prefix, exploring, engineName + "+explore");
        var evaluator = new Evaluator(new ReplayRunner(options.Warmup, options.RestartAt), startEngine, startExplorer, options.CatalogFromEvents);
        var results = new List<SliceResult>();
        for (var i = 0; i < options.Events.Count; i++)
        {
            var slice = SessionLogReader.Read(options.Events[i]);
            await log.WriteLineAsync($"{slice.Name}: {slice.Events.Count} events, {slice.DuplicatesDropped} duplicates dropped, {slice.Rejected.Count} unreadable rows skipped");
            results.Add(await evaluator.EvaluateAsync(slice, i, new ProgressBar($"replay {i + 1}/{options.Events.Count}", log)));
        }

        var report = EvaluationReport.From(results, engineName);
        await output.WriteAsync(ResultTable.Render(report));
        if (options.JsonPath is { } json)
        {
            await JsonOutput.WriteAsync(json, report.ToJson(), log);
        }

        return report;
    }
}
