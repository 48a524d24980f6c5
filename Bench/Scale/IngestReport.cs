using System.Globalization;

namespace Personalization.Bench.Scale;

/// <summary>`Bench -- scale-ingest` as Markdown tables (printed as the console table too): the clusters side by side, then each silo.</summary>
public static class IngestReport
{
    public static string Render(IngestResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var run = r.Run;
        var s = run.Sizes;
        var lines = new List<string>
        {
            Line($"Listening events with learning through the Orleans client (`IUserGrain.RecordAsync`, one completed track a call): {s.Listeners:N0} listeners, ")
                + Line($"tracks from a Zipf(1) catalogue of {s.Tracks:N0}, in sessions; a closed loop of {run.Callers} callers, {s.Warmup.TotalSeconds:F0} s warm-up (not recorded), ")
                + Line($"{s.Duration.TotalSeconds:F0} s timed. Machine: {r.ProcessorCount} cores, load average before {r.LoadAverageBefore ?? "n/a"}. Run took {r.TotalSeconds:F0} s."),
            "",
            "| cluster | events | events/s | p50 / p99 / p99.9 (ms) | errors | observations learned / event | silo→silo messages / event | of which beyond idle | idle silo→silo (messages/s) | silo→silo bytes / event | gateway messages / event | silo CPU ms / event | load generator CPU ms / event |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var p in r.Phases)
        {
            var t = p.Timed;
            lines.Add(Line($"| {p.Name} | {p.Events:N0} | {p.EventsPerSecond:N0} | {t.P50Ms:F2} / {t.P99Ms:F2} / {t.P999Ms:F2} | {t.Errors} | {p.ObservationsPerEvent:F2} | ")
                + Line($"{p.SiloToSiloPerEvent:F3} | {p.SiloToSiloPerEventBeyondIdle:F3} | {p.IdleSiloToSiloPerSecond:F0} | {p.SiloToSiloBytesPerEvent:F0} | {p.GatewayPerEvent:F2} | {p.SiloCpuMsPerEvent:F3} | {PerEventMs(p, p.LoadGeneratorCpuSeconds)} |"));
        }

        lines.Add("");
        lines.Add(r.ThroughputRatio is { } ratio
            ? Line($"**{r.Phases[^1].Name} ÷ {r.Phases[0].Name} events/s: {ratio:F2}**")
            : "**events/s ratio: n/a**");
        lines.Add("");
        lines.Add("Per silo over the timed window (events ingested: by the user grains on that silo; messages: sent by that silo):");
        lines.Add("");
        lines.Add("| cluster | silo (pid) | shards hosted | events ingested | silo→silo sent: requests / responses / one-way | silo→silo received | gateway in / out | CPU (s) |");
        lines.Add("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in r.Phases)
        {
            foreach (var silo in p.Silos)
            {
                var w = silo.Window;
                lines.Add(Line($"| {p.Name} | {silo.Pid} | {silo.ShardsHosted} | {w.EventsIngested:N0} | {w.SiloToSiloSentRequests:N0} / {w.SiloToSiloSentResponses:N0} / {w.SiloToSiloSentOneWay:N0} | ")
                    + Line($"{w.SiloToSiloReceived:N0} | {w.GatewayReceived:N0} / {w.GatewaySent:N0} | {w.CpuSeconds:F1} |"));
            }
        }

        lines.Add("");
        foreach (var p in r.Phases)
        {
            var l = p.Learned;
            lines.Add(Line($"{p.Name}: the user grains applied {p.EventsApplied:N0} of the {p.Events:N0} events acknowledged (silos counted {p.Window.EventsIngested:N0} ingested); ")
                + Line($"the feeds published {l.ObservationsPublished:N0} observations, the shards learned {l.ObservationsApplied:N0} ({l.ObservationsDropped:N0} dropped) within {p.DrainSeconds:F1} s after the window, ")
                + Line($"their learners hold {l.LearnerTrackKeys:N0} more tracks, {l.AdmissionAdmitted:N0} tracks and transitions admitted; {p.Window.PingsSent:N0} membership probes in the window."));
        }

        lines.Add("");
        lines.Add("Messages are counted by Orleans' `orleans-messaging-sent-messages-size` histogram on each silo's `/metrics` (one sample per message written to a connection): "
            + "silo→silo = `ConnectionDirection=\"SiloToSilo\"` sent by all silos in the window (each message once; its receiver counts it as received), ÷ events acknowledged; "
            + "gateway = the silos' `GatewayToClient` messages, received and sent. \"Beyond idle\" subtracts the rate the same silos sent with no load (read-model pulls, membership).");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string PerEventMs(IngestPhase p, double seconds) => p.Events > 0 ? Line($"{seconds * 1000 / p.Events:F3}") : "n/a";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
