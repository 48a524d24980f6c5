namespace Personalization.Tests.Operations;

/// <summary>The metric-name reader the monitoring checks rely on: names found, functions, labels and keywords not.</summary>
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class PromQlTests
{
    [Fact]
    public void Finds_metric_and_recording_names_and_nothing_else()
    {
        var names = PromQl.MetricNames(
            "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{http_route=\"/v1/users/{userId}/events\", le=~\"0.1\"}[$__rate_interval]))) " +
            "> 0.25 and on (instance) personalization:error_ratio:rate5m offset 1h or vector(0) unless deriv(personalization_journal_uncovered_entries[1h]) > 0");

        Assert.Equal(
            new HashSet<string> { "http_server_request_duration_seconds_bucket", "personalization:error_ratio:rate5m", "personalization_journal_uncovered_entries" },
            names);
    }
}
