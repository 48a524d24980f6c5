using System.Net;
using OpenQA.Selenium;
using Personalization.Testing;
using Personalization.Testing.Processes;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Console;

/// <summary>
/// The console (<c>/console</c>) in Debian's headless Chromium against the real API pipeline on Kestrel (127.0.0.1) over
/// the kit's cluster: a demo listener's reasons, a skip that moves the first track off the top, the API's access rules
/// shown as they are, and no request leaving the host. Screenshots go to <c>artifacts/console/</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Console")]
[Trait("Requires", "Processes")]
public sealed class ConsoleTests(PersonalizationCluster cluster, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    public async Task InitializeAsync() => _api = await PersonalizationApiHost.StartOnLoopbackAsync(cluster);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_demo_listener_shows_reasons_and_a_skip_moves_the_first_track_off_the_top()
    {
        var listener = await ConsoleDemo.SeedAsync(cluster, "cons");
        var page = new ConsolePage(browser, _api.BaseAddress).Open().UseToken(_api.Tokens.Admin()).WithItems(6).LoadListener(listener);

        var before = page.Tracks();
        Assert.True(before.Count >= 3, $"expected a list, got {before.Count} items");
        Assert.All(page.Items(), item => Assert.False(string.IsNullOrWhiteSpace(item.FindElement(By.CssSelector(".reason")).Text)));
        Assert.Contains(page.Items(), item => item.FindElement(By.CssSelector(".why")).Text.Contains($"because {ConsoleDemo.Seed("cons")}", StringComparison.Ordinal));
        Assert.Contains("Top artists", page.Text("view-listener"), StringComparison.Ordinal);
        Assert.Contains("completed", page.Text("session"), StringComparison.Ordinal);

        page.Send("skip", 0);

        var after = page.Tracks();
        Assert.Null(page.AlertText);
        Assert.NotEqual(before[0], after[0]);
        Assert.Contains("skipped early", page.Text("session"), StringComparison.Ordinal);
        Assert.Contains(page.Items(), item => (item.GetAttribute("class") ?? "").Split(' ').Intersect(["moved-up", "is-new"]).Any());
        var contrast = page.LowestTextContrast();
        Assert.True(contrast.Ratio >= 7, $"text contrast {contrast.Ratio:F2}:1 at \"{contrast.Text}\"");
        page.Screenshot(Path.Combine(Screenshots, "listener-1280.png"));
    }

    [Fact]
    public async Task A_listener_token_opens_its_own_listener_and_gets_a_clear_403_for_another()
    {
        var me = await ConsoleDemo.SeedAsync(cluster, "self");
        var other = await ConsoleDemo.SeedAsync(cluster, "othr");
        var page = new ConsolePage(browser, _api.BaseAddress).Open().UseToken(_api.Tokens.Listener(me));

        page.LoadListener(me);
        var own = page.Tracks();
        page.LoadListener(other);

        Assert.NotEmpty(own);
        Assert.StartsWith("403", page.AlertText, StringComparison.Ordinal);
        Assert.Contains("A listener token sees only its own listener", page.AlertText, StringComparison.Ordinal);
        Assert.Empty(page.Tracks());
        Assert.True(page.LowestTextContrast().Ratio >= 7, $"error view text contrast {page.LowestTextContrast()}");
        page.Screenshot(Path.Combine(Screenshots, "forbidden-1280.png"));
    }

    [Fact]
    public async Task Every_view_requests_only_its_own_host_under_a_strict_content_security_policy()
    {
        var listener = await ConsoleDemo.SeedAsync(cluster, "net");
        browser.TakeRequestedUrls(); // what earlier tests requested
        var page = new ConsolePage(browser, _api.BaseAddress).Open().UseToken(_api.Tokens.Admin()).LoadListener(listener);
        page.Send("like", 0);
        ShowBlend(page, $"{listener},{await ConsoleDemo.SeedAsync(cluster, "net2")}");
        ShowModel(page);

        var urls = browser.TakeRequestedUrls();
        using var index = await _api.ClientWith(null).GetAsync("/console");

        Assert.Contains(urls, u => u.EndsWith("/console/console.js", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains($"/v1/users/{listener}/recommendations", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("/v1/blends/", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("/v1/model/status", StringComparison.Ordinal));
        Assert.All(urls, u => Assert.True(u.StartsWith("data:", StringComparison.Ordinal) || new Uri(u).GetLeftPart(UriPartial.Authority) + "/" == _api.BaseAddress.ToString(), $"off-host request: {u}"));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("default-src 'none'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blend_and_model_views_work_by_keyboard_at_390_px_without_horizontal_scrolling()
    {
        var a = await ConsoleDemo.SeedAsync(cluster, "bl-a");
        var b = await ConsoleDemo.SeedAsync(cluster, "bl-b");
        var page = new ConsolePage(browser, _api.BaseAddress).Open().UseToken(_api.Tokens.Admin());
        try
        {
            page.Emulate(390, 900);
            page.LoadListener(a);
            Assert.False(page.OverflowsHorizontally(), "listener view wider than 390 px");

            ShowBlend(page, $"{a},{b}");
            Assert.Contains("Fairness floor", page.Text("blend-floor"), StringComparison.Ordinal);
            Assert.Contains(a, page.Text("blend-shares"), StringComparison.Ordinal);
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#blend-queue li.rec")));
            Assert.False(page.OverflowsHorizontally(), "Blend view wider than 390 px");
            Assert.True(page.LowestTextContrast().Ratio >= 7, $"Blend view text contrast {page.LowestTextContrast()}");
            page.Screenshot(Path.Combine(Screenshots, "blend-390.png"));

            ShowModel(page);
            Assert.Contains("Tracks known", page.Text("model-facts"), StringComparison.Ordinal);
            Assert.Contains("Restored from checkpoints", page.Text("memory-facts"), StringComparison.Ordinal);
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#trending .label")));
            Assert.False(page.OverflowsHorizontally(), "model view wider than 390 px");
            Assert.True(page.LowestTextContrast().Ratio >= 7, $"model view text contrast {page.LowestTextContrast()}");
            page.Screenshot(Path.Combine(Screenshots, "model-390.png"));
        }
        finally
        {
            page.StopEmulating();
        }
    }

    /// <summary>Moves to the Blend tab with the arrow key (tabs are keyboard-operable), types the members, presses Enter.</summary>
    private void ShowBlend(ConsolePage page, string members)
    {
        var tab = browser.Driver.FindElement(By.Id("tab-listener"));
        tab.SendKeys(Keys.ArrowRight);
        browser.WaitFor(d => d.FindElement(By.Id("view-blend")).Displayed, "the Blend view");
        var field = browser.Driver.FindElement(By.Id("blend-members"));
        field.Clear();
        field.SendKeys(members + Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.Id("blend-status")).Text.StartsWith("Blend ", StringComparison.Ordinal), "the Blend queue");
        Assert.Null(page.AlertText);
    }

    /// <summary>Moves to the Model tab with the arrow key; it loads the model status.</summary>
    private void ShowModel(ConsolePage page)
    {
        browser.Driver.FindElement(By.Id("tab-blend")).SendKeys(Keys.ArrowRight);
        browser.WaitFor(d => d.FindElement(By.Id("model-status")).Text.StartsWith("Status of silo", StringComparison.Ordinal) || page.AlertText is not null, "the model status");
        Assert.Null(page.AlertText);
    }
}
