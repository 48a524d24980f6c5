namespace Personalization.Grains.Model.Checkpoints;

/// <summary>What a checkpoint write cost: storage transactions (a batch counts once) and payload bytes.</summary>
public readonly record struct CheckpointWrite(int Transactions, long Bytes)
{
    public static CheckpointWrite operator +(CheckpointWrite a, CheckpointWrite b) => new(a.Transactions + b.Transactions, a.Bytes + b.Bytes);
}
