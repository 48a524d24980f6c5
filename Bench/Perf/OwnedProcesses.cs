namespace Personalization.Bench.Perf;

/// <summary>
/// The processes this benchmark started (silo, Redis, Azurite), stopped by PID when it ends, fails, is interrupted
/// (Ctrl+C) or terminated — never left running.
/// </summary>
public sealed class OwnedProcesses : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _owned = [];

    public OwnedProcesses()
    {
        Console.CancelKeyPress += OnCancel;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
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
        Console.CancelKeyPress -= OnCancel;
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
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

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        Console.Error.WriteLine("perf: interrupted; stopping the processes it started");
        StopAll();
    }

    private void OnExit(object? sender, EventArgs e) => StopAll();
}
