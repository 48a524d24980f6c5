namespace Personalization.Import;

/// <summary>One file's entry in the <see cref="ImportCheckpoint"/>: which file (path, length, last write) and how far.</summary>
public sealed record FileProgress(string Key, long Length, DateTime LastWriteUtc, int Done, bool Complete)
{
    public static FileProgress Of(string file)
    {
        var info = new FileInfo(file);
        return new FileProgress(info.FullName, info.Length, info.LastWriteTimeUtc, 0, false);
    }

    public bool SameFile(FileProgress other) =>
        other is not null && Key == other.Key && Length == other.Length && LastWriteUtc == other.LastWriteUtc;
}
