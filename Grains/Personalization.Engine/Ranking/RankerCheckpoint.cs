using Personalization.Engine.Exploration;
using Personalization.Engine.Model;

namespace Personalization.Engine.Ranking;

/// <summary>
/// The byte forms of a silo's learned state: a header (the re-ranker's <see cref="RankerProgress"/> with its model, and
/// the exploration arms) and chunks of the re-ranker's examples (<c>ExamplesPerItem</c> consecutive indexes each).
/// Versioned (<see cref="FormatVersion"/>), compressed (<see cref="CheckpointCodec"/>).
/// </summary>
public static class RankerCheckpoint
{
    public const byte FormatVersion = 1;

    public static byte[] EncodeHeader(RankerProgress progress, SourceArms arms, long writtenAtMs) => CheckpointCodec.Encode(FormatVersion, w =>
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(arms);
        w.Write(writtenAtMs);
        w.Write(progress.Added);
        w.Write(progress.LastTrigger);
        w.Write(progress.LastTriggerMs);
        w.Write(progress.Tokens);
        w.Write(progress.BudgetClockMs);
        w.Write(progress.ModelsTrained);
        w.Write(progress.Model is not null);
        progress.Model?.Write(w);
        var (served, reward) = arms.Export();
        w.Write(SourceArms.SourcesPerContext);
        w.Write(served.Length);
        foreach (var v in served) w.Write(v);
        foreach (var v in reward) w.Write(v);
    });

    /// <summary>When the header was written (read without decoding the model).</summary>
    public static long WrittenAtMs(byte[] header) => CheckpointCodec.Decode(header, FormatVersion, (r, _) => r.ReadInt64());

    /// <summary>Restores the arms from a header and returns the re-ranker's progress in it.</summary>
    public static RankerProgress DecodeHeader(byte[] header, SourceArms arms) => CheckpointCodec.Decode(header, FormatVersion, (r, _) =>
    {
        ArgumentNullException.ThrowIfNull(arms);
        r.ReadInt64();
        var added = r.ReadInt64();
        var lastTrigger = r.ReadInt64();
        var lastTriggerMs = r.ReadInt64();
        var tokens = r.ReadDouble();
        var budgetClockMs = r.ReadInt64();
        var trained = r.ReadInt32();
        var model = r.ReadBoolean() ? RankerModel.Read(r) : null;
        var sources = r.ReadInt32();
        var length = r.ReadInt32();
        var served = new double[length];
        var reward = new double[length];
        for (var i = 0; i < length; i++) served[i] = r.ReadDouble();
        for (var i = 0; i < length; i++) reward[i] = r.ReadDouble();
        arms.Restore(served, reward, sources);
        return new RankerProgress(model, added, lastTrigger, lastTriggerMs, tokens, budgetClockMs, trained);
    });

    /// <summary>The examples of indexes <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>-1 the ring still holds.</summary>
    public static byte[] EncodeExamples(LearnedRanker ranker, long first, int count) => CheckpointCodec.Encode(FormatVersion, w =>
    {
        ArgumentNullException.ThrowIfNull(ranker);
        var examples = new List<(long Index, RankingExample Example)>(count);
        for (var i = first; i < first + count; i++)
        {
            if (ranker.ExampleAt(i) is { } e) examples.Add((i, e));
        }

        w.Write(examples.Count);
        foreach (var (index, e) in examples)
        {
            w.Write(index);
            w.Write(e.Target);
            w.Write(e.Rows.Length);
            foreach (var row in e.Rows)
            {
                w.Write(row.Length);
                foreach (var v in row) w.Write(v);
            }
        }
    });

    public static IEnumerable<(long Index, RankingExample Example)> DecodeExamples(byte[] data) => CheckpointCodec.Decode(data, FormatVersion, (r, _) =>
    {
        var count = r.ReadInt32();
        var examples = new List<(long, RankingExample)>(count);
        for (var i = 0; i < count; i++)
        {
            var index = r.ReadInt64();
            var target = r.ReadInt32();
            var rows = new float[r.ReadInt32()][];
            for (var k = 0; k < rows.Length; k++)
            {
                var row = new float[r.ReadInt32()];
                for (var f = 0; f < row.Length; f++) row[f] = r.ReadSingle();
                rows[k] = row;
            }

            examples.Add((index, new RankingExample(rows, target)));
        }

        return examples;
    });
}
