namespace Personalization.Bench.Perf;

/// <summary>Where the repository and the built silo are, found from this assembly's location (same build configuration).</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Personalization.Orleans.sln"))) return dir.FullName;
            }

            throw new InvalidOperationException($"Run perf from the repository (no Personalization.Orleans.sln above {AppContext.BaseDirectory}).");
        }
    }

    /// <summary>The silo built next to this assembly (Bench and the tests reference the Silo project, so it is built with them).</summary>
    public static string SiloAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var path = Path.Combine(Root, "Silo", "bin", configuration, "net10.0", "Personalization.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first (dotnet build -c {configuration}): {path} is missing.", path);
        }
    }
}
