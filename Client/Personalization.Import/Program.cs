using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;
using Personalization.Client;
using Personalization.Import;

// import --events FILE ... : backfill listening history into a running cluster (README "Backfill").
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
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddPersonalizationOrleansClient();
using var host = builder.Build();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // finish the wave's calls, keep the checkpoint, exit
    stop.Cancel();
};

await host.StartAsync();
var limits = builder.Configuration.GetSection(ValidationLimits.SectionName).Get<ValidationLimits>() ?? new ValidationLimits();
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
finally
{
    await host.StopAsync(CancellationToken.None);
}

Console.WriteLine(summary);
return summary.Finished ? 0 : 1;
