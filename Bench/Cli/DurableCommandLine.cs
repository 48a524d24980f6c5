using System.CommandLine;
using Personalization.Bench.Durable;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Cli;

/// <summary><c>durable</c>: durable ingest (the journal) against raw table upserts, on an Azurite it starts and stops itself.</summary>
internal sealed class DurableCommandLine
{
    private readonly Option<int?> _seconds = SharedOptions.Count("--seconds", "Measured seconds of each of the two runs.", fallback: 10);
    private readonly Option<int?> _users = SharedOptions.Count("--users", "Distinct listeners the events go to.", fallback: 2000);
    private readonly Option<int?> _concurrency = SharedOptions.Count("--concurrency", "Closed-loop callers.", fallback: 512);
    private readonly Option<Dictionary<string, string?>> _settings = SharedOptions.Settings();

    public DurableCommandLine()
    {
        Command = new Command("durable", "Durable ingest vs raw upserts: events per second through the silo's journal on Azurite, against "
            + "raw table upserts on the same Azurite; prints their ratio and the storage transactions per event.")
        {
            _seconds, _users, _concurrency, _settings,
        };
        Command.SetAction(async (parse, _) =>
        {
            using var azurite = await AzuriteProcess.StartAsync();
            var r = await DurableBenchmark.RunAsync(
                azurite.ConnectionString, azurite.Pid, TimeSpan.FromSeconds(parse.GetValue(_seconds) ?? 10), parse.GetValue(_users) ?? 2000,
                parse.GetValue(_concurrency) ?? 512, parse.GetValue(_settings) ?? [], Console.Out);
            Console.WriteLine($"durable_vs_raw_upsert {r.DurableEventsPerSecond / r.RawUpsertsPerSecond:F2}; storage_tx_per_event {r.TransactionsPerEvent:F4} (journal appends; with the default snapshot policy, snapshot writes and compaction deletes add at most 0.01 each per event in a steady state)");
            return 0;
        });
    }

    public Command Command { get; }
}
