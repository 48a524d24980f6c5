namespace Personalization.Tests.Durability.Processes;

/// <summary>Where the built silo lives, found from the test assembly's own location (same build configuration).</summary>
public static class RepositoryLayout
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Personalization.Orleans.sln"))) return dir.FullName;
            }

            throw new InvalidOperationException($"No Personalization.Orleans.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Debug or Release: the configuration this test assembly was built with.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string SiloAssembly
    {
        get
        {
            var path = Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "Personalization.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first (dotnet build): {path} is missing.", path);
        }
    }
}
