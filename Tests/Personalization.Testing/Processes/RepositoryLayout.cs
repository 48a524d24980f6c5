namespace Personalization.Testing.Processes;

/// <summary>Where the repository and the built silo are, found from the running assembly's location (same build configuration).</summary>
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

            throw new InvalidOperationException($"Run from the repository: no Personalization.Orleans.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Debug or Release: the configuration the running assembly was built with (bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The silo built in the same configuration (the tests and Bench reference the Silo project, so it is built with them).</summary>
    public static string SiloAssembly
    {
        get
        {
            var path = Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "Personalization.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the silo first (dotnet build -c {Configuration}): {path} is missing.", path);
        }
    }
}
