using Personalization.Abstractions;
using Personalization.Import;
using Personalization.Testing;

namespace Personalization.Tests.Import;

/// <summary>
/// An import interrupted mid-file (cancelled after a checkpoint, with the next listener already holding the first
/// events of the call that was under way, as a kill would leave it) and resumed from its checkpoint ends where an
/// uninterrupted import of the same history ends, listeners and shared model alike. An <see cref="AdmitAllCluster"/> of
/// its own (why: see there).
/// </summary>
[Trait("Category", "Import")]
[Trait("Requires", "None")]
public sealed class ImportResumeTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2014, 4, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly PersonalizationTestCluster _cluster = AdmitAllCluster.Create();
    private readonly TemporaryFolder _folder = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_import_interrupted_mid_file_resumes_to_the_result_of_an_uninterrupted_one(bool ordered)
    {
        var resumed = PersonalizationCluster.UniqueUser("res");
        var straight = PersonalizationCluster.UniqueUser("str");
        var resumedFile = _folder.Write("resumed.tsv", ImportLogs.Tsv(resumed, users: 4, sessions: 6, plays: 8, Start, TimeSpan.FromDays(1)));
        var straightFile = _folder.Write("straight.tsv", ImportLogs.Tsv(straight, users: 4, sessions: 6, plays: 8, Start, TimeSpan.FromDays(1)));
        var checkpoint = _folder.File("resumed.json");
        var options = new ImportOptions { Wave = 50, Parallel = 4, Ordered = ordered, ProgressEvery = TimeSpan.Zero };

        // Interrupted after its second checkpoint; and, as a kill in the middle of the next call would leave it, the
        // next listener already holds the first of the events the import was sending.
        using var stop = new CancellationTokenSource();
        var interrupted = await Importer(new CancelAfterProgress(stop, lines: 2), options).RunAsync([resumedFile], checkpoint, stop.Token);
        var done = ImportCheckpoint.Load(checkpoint).For(resumedFile).Done;
        var rows = ImportSource.Read(resumedFile).Rows;
        var early = rows.Skip(done).TakeWhile(r => r.UserId == rows[done].UserId).Take(3).ToList();
        await _cluster.User(early[0].UserId).ImportAsync([.. early.Select(r => r.Event)]);
        var report = new StringWriter();
        var resume = await Importer(report, options).RunAsync([resumedFile], checkpoint);
        await Importer(TextWriter.Null, options).RunAsync([straightFile], _folder.File("straight.json"));
        await _cluster.SyncModelAsync();

        Assert.False(interrupted.Finished);
        Assert.InRange(done, 100, 191);
        Assert.Equal(done, interrupted.Imported);
        Assert.Contains($"resuming at row {done} of 192", report.ToString(), StringComparison.Ordinal);
        Assert.True(resume.Finished);
        Assert.Equal(early.Count, resume.AlreadyPresent);
        Assert.Equal(192 - done - early.Count, resume.Imported);
        Assert.Equal((await ImportedState.TextAsync(_cluster, straight, 4)).Replace(straight, "P", StringComparison.Ordinal),
            (await ImportedState.TextAsync(_cluster, resumed, 4)).Replace(resumed, "P", StringComparison.Ordinal));
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private BackfillImporter Importer(TextWriter report, ImportOptions options) =>
        new(_cluster.Client, new RequestValidator(new ValidationLimits()), options, report, _cluster.Clock);

    /// <summary>A report that cancels the import once it has written <c>lines</c> progress lines (waves done).</summary>
    private sealed class CancelAfterProgress(CancellationTokenSource stop, int lines) : StringWriter
    {
        private int _seen;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(" rows (", StringComparison.Ordinal) && ++_seen == lines) stop.Cancel();
        }
    }
}
