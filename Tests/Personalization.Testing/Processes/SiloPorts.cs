namespace Personalization.Testing.Processes;

/// <summary>The loopback ports of one silo process: silo-to-silo, client gateway, and its co-hosted HTTP API.</summary>
public sealed record SiloPorts(int Silo, int Gateway, int Http)
{
    public static SiloPorts Free() => new(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
}
