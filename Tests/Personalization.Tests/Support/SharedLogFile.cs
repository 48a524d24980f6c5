namespace Personalization.Tests.Support;

/// <summary>Reads the log file of a process that may still be writing it.</summary>
internal static class SharedLogFile
{
    /// <summary>The text from <paramref name="offset"/> (bytes) to the current end.</summary>
    public static string Read(string path, long offset = 0)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
