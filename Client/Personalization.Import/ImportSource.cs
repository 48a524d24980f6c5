using Personalization.Engine.SessionLogs;

namespace Personalization.Import;

/// <summary>
/// One input file read for import: its rows in event-time order (ties keep file order) and the rows that could not be
/// read. Session-rec TSV (<c>UserId SessionId ItemId Time ArtistId</c>) is read by the evaluator's
/// <see cref="SessionLogReader"/>; files named <c>*.jsonl</c> or <c>*.jsonl.gz</c> by <see cref="JsonLinesReader"/>.
/// The whole file is read and sorted in memory (about 200 bytes per row): split a very large history into files by time.
/// </summary>
public sealed record ImportSource(string Path, IReadOnlyList<ImportRow> Rows, RowProblems Unreadable, int DuplicatesDropped)
{
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="path"/>; a missing file or a TSV without its header throws (nothing to import).</summary>
    public static ImportSource Read(string path)
    {
        if (IsJsonLines(path)) return JsonLinesReader.Read(path);
        var slice = SessionLogReader.Read(path);
        return new ImportSource(path, SessionLogRows.From(slice), slice.Rejected, slice.DuplicatesDropped);
    }
}
