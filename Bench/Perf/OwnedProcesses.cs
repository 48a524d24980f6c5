using System.Runtime.InteropServices;

namespace Personalization.Bench.Perf;

/// <summary>
/// The processes this benchmark started (silo, Redis, Azurite), stopped by PID when it ends, fails, is interrupted
/// (Ctrl+C) or terminated — never left running. Signals are caught with <see cref="PosixSignalRegistration"/>: the
/// Orleans client's host takes SIGTERM and SIGINT for its own graceful stop, so ProcessExit alone would not run.
/// </summary>
public sealed class OwnedProcesses : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _owned = [];
    private readonly PosixSignalRegistration[] _signals;

    public OwnedProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public T Add<T>(T process)
        where T : IDisposable
    {
        lock (_gate) _owned.Add(process);
        return process;
    }

    /// <summary>Stops one process now (it is no longer needed) and forgets it.</summary>
    public void Stop(IDisposable process)
    {
        ArgumentNullException.ThrowIfNull(process);
        lock (_gate) _owned.Remove(process);
        process.Dispose();
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        foreach (var signal in _signals) signal.Dispose();
        StopAll();
    }

    private void StopAll()
    {
        IDisposable[] owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        foreach (var p in owned.Reverse()) p.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        Console.Error.WriteLine($"perf: {context.Signal}; stopping the processes it started, then exiting");
        StopAll();
        Environment.Exit(130);
    }

    private void OnExit(object? sender, EventArgs e) => StopAll();
}
