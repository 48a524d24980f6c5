namespace Personalization.Testing.Processes;

/// <summary>
/// Where the process helpers find what they start, by configuration only (never guessed from a checkout): an
/// environment variable, else a runtime configuration option of the test project (an msbuild
/// <c>&lt;RuntimeHostConfigurationOption Include="Personalization.Testing.SiloAssembly" Value="…" /&gt;</c>, written to its
/// runtimeconfig.json). This repository's test project and Bench set the options to the silo they build and to
/// <c>tools/azurite</c>.
/// </summary>
public static class KitLocations
{
    /// <summary>Environment variable: the silo host's assembly (<c>Personalization.Silo.dll</c>, e.g. from <c>dotnet publish Silo</c>).</summary>
    public const string SiloAssemblyVariable = "PERSONALIZATION_SILO_ASSEMBLY";

    /// <summary>Environment variable: a folder with Azurite's <c>start.sh</c> and <c>stop.sh</c> (this repository's <c>tools/azurite</c>).</summary>
    public const string AzuriteScriptsVariable = "PERSONALIZATION_AZURITE_SCRIPTS";

    public const string SiloAssemblyOption = "Personalization.Testing.SiloAssembly";

    public const string AzuriteScriptsOption = "Personalization.Testing.AzuriteScripts";

    /// <summary>The silo host started by <see cref="SiloProcess"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither is configured, or the file is missing.</exception>
    public static string SiloAssembly => Existing(SiloAssemblyVariable, SiloAssemblyOption, File.Exists, "the silo assembly (Personalization.Silo.dll)");

    /// <summary>The folder of Azurite's start and stop scripts used by <see cref="AzuriteProcess"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither is configured, or the folder is missing.</exception>
    public static string AzuriteScripts => Existing(AzuriteScriptsVariable, AzuriteScriptsOption, Directory.Exists, "the Azurite scripts folder (tools/azurite)");

    private static string Existing(string variable, string option, Func<string, bool> exists, string what)
    {
        var configured = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : AppContext.GetData(option) as string;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException($"Configure {what}: set the environment variable {variable}, or the runtime option {option} in your test project.");
        }

        var path = Path.GetFullPath(configured);
        return exists(path) ? path : throw new InvalidOperationException($"{what} is configured as {path} ({variable} / {option}), but it does not exist: build or publish it first.");
    }
}
