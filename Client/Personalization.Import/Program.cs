using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Import;

// import [--catalog FILE ...] [--events FILE ...] : load a catalogue and backfill listening history into a running cluster (README "Backfill", "Catalogue").
ImportArguments arguments;
try
{
    arguments = ImportArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] }); // configuration from environment variables
builder.Logging.SetMinimumLevel(LogLevel.Warning)
    .AddFilter("Orleans", LogLevel.Error) // no stack trace per connection retry
    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is reported below, in one line
builder.AddPersonalizationOrleansClient();
using var host = builder.Build();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // finish the wave's calls, keep the checkpoint, exit
    stop.Cancel();
};

try
{
    using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    await host.StartAsync(connect.Token);
}
catch (Exception unreachable) // the process boundary: say what failed, not a stack trace
{
    Console.Error.WriteLine($"error: could not connect to the cluster within 30 s (Personalization:Client, e.g. Personalization__Client__Clustering): {unreachable.Message}");
    return 3;
}

var limits = builder.Configuration.GetSection(ValidationLimits.SectionName).Get<ValidationLimits>() ?? new ValidationLimits();
if (arguments.Catalogs.Count > 0)
{
    var catalogValidator = new Personalization.Abstractions.Catalog.CatalogValidator(new RequestValidator(limits));
    var catalogImporter = new CatalogImporter(
        new Personalization.Client.Facade.CatalogClient(host.Services.GetRequiredService<IClusterClient>(), catalogValidator),
        catalogValidator,
        arguments.Options,
        Console.Error);
    CatalogImportSummary loaded;
    try
    {
        loaded = await catalogImporter.RunAsync(arguments.Catalogs, stop.Token);
    }
    catch (Exception failed) when (failed is not OutOfMemoryException) // e.g. the cluster went away: the catalogue import is idempotent
    {
        Console.Error.WriteLine($"error: the catalogue import stopped: {failed.GetType().Name}: {failed.Message}");
        Console.Error.WriteLine("Run the same command again to resume (tracks already loaded are counted unchanged).");
        await host.StopAsync(CancellationToken.None);
        return 1;
    }

    Console.WriteLine(loaded);
    if (!loaded.Finished || arguments.Events.Count == 0)
    {
        await host.StopAsync(CancellationToken.None);
        return loaded.Finished ? 0 : 1;
    }
}

var importer = new BackfillImporter(host.Services.GetRequiredService<IClusterClient>(), new RequestValidator(limits), arguments.Options, Console.Error);
ImportSummary summary;
try
{
    summary = await importer.RunAsync(arguments.Events, arguments.Checkpoint, stop.Token);
}
catch (InvalidDataException unreadable)
{
    Console.Error.WriteLine($"error: {unreadable.Message}"); // a file without its header, or a foreign checkpoint
    return 2;
}
catch (Exception failed) when (failed is not OutOfMemoryException) // e.g. the cluster went away: the checkpoint holds the last recorded wave
{
    Console.Error.WriteLine($"error: the import stopped: {failed.GetType().Name}: {failed.Message}");
    Console.Error.WriteLine($"Run the same command again to resume from {arguments.Checkpoint}.");
    return 1;
}
finally
{
    await host.StopAsync(CancellationToken.None);
}

Console.WriteLine(summary);
return summary.Finished ? 0 : 1;
