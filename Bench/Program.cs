using Personalization.Bench.Cli;
using Personalization.Engine.SessionLogs;
using Personalization.Bench.Engine;
using Personalization.Bench.Evaluation;
using Personalization.Bench.Reporting;

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

var engineName = options.Direct ? "engine-direct" : "engine";
Func<string, Task<ISequenceModel>> startEngine = options.Direct
    ? prefix => Task.FromResult<ISequenceModel>(new DirectEngineModel(prefix, options.Settings))
    : async prefix => await GrainEngineModel.StartAsync(prefix, options.Settings);
var evaluator = new Evaluator(new ReplayRunner(options.Warmup), startEngine);
var results = new List<SliceResult>();
for (var i = 0; i < options.Events.Count; i++)
{
    var slice = SessionLogReader.Read(options.Events[i]);
    Console.Error.WriteLine($"{slice.Name}: {slice.Events.Count} events, {slice.DuplicatesDropped} duplicates dropped");
    results.Add(await evaluator.EvaluateAsync(slice, i, new ProgressBar($"replay {i + 1}/{options.Events.Count}", Console.Error)));
}

var report = EvaluationReport.From(results, engineName);
Console.Write(ResultTable.Render(report));
if (options.JsonPath is { } json)
{
    await File.WriteAllTextAsync(json, report.ToJson());
    Console.Error.WriteLine($"wrote {json}");
}

return 0;
