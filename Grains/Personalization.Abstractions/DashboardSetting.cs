namespace Personalization.Abstractions;

/// <summary>
/// <c>Personalization:Dashboard:Enabled</c> (default true), read by silos and gateways alike: whether the Orleans
/// Dashboard runs. Each silo running it collects Orleans' metrics every second, and some of them walk every activation
/// (about 6 % of a silo's CPU during ingest at 100,000 active listeners, OPERATIONS "Observe"); false leaves the
/// dashboard out of silos and gateways (<c>/dashboard</c> answers 404), Prometheus and Grafana stay.
/// </summary>
public static class DashboardSetting
{
    public const string Key = "Personalization:Dashboard:Enabled";

    /// <summary>When <see cref="Key"/> is unset: on (every reader takes the same default).</summary>
    public const bool Default = true;
}
