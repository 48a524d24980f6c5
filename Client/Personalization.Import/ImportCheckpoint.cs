using System.Text.Json;

namespace Personalization.Import;

/// <summary>
/// How far an import got, per input file: the number of its rows (in the import's event-time order) whose every
/// listener acknowledged them, and whether the file is done. A file is recognized by its full path, length and last
/// write time; a changed file starts again from its first row (harmless: rows already imported are recognized by the
/// listeners). Saved after every wave by writing a temporary file and renaming it over the old one, so an import
/// killed at any moment leaves the previous checkpoint or the new one, never half of one.
/// </summary>
public sealed class ImportCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _path;
    private readonly Dictionary<string, FileProgress> _files;

    private ImportCheckpoint(string path, Dictionary<string, FileProgress> files)
    {
        _path = path;
        _files = files;
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/> (an empty one when the file does not exist).</summary>
    public static ImportCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) return new ImportCheckpoint(path, new Dictionary<string, FileProgress>(StringComparer.Ordinal));
        try
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, FileProgress>>(File.ReadAllText(path), Json);
            return new ImportCheckpoint(path, new Dictionary<string, FileProgress>(stored ?? [], StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The checkpoint '{path}' is not an import checkpoint ({ex.Message}); remove it to start over.", ex);
        }
    }

    /// <summary>Rows of <paramref name="file"/> already imported (0 when the checkpoint does not know this version of it).</summary>
    public FileProgress For(string file)
    {
        var identity = FileProgress.Of(file);
        return _files.TryGetValue(identity.Key, out var stored) && stored.SameFile(identity) ? stored : identity;
    }

    public void Save(FileProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _files[progress.Key] = progress;
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_files, Json));
        File.Move(temporary, _path, overwrite: true);
    }
}
