using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Personalization.Tests.Console;

/// <summary>The console as a user drives it: with the keyboard-reachable controls a person uses (token field, forms, buttons, tabs).</summary>
public sealed class ConsolePage(ConsoleBrowser browser, Uri host)
{
    private bool _emulating;

    private ChromeDriver Driver => browser.Driver;

    public ConsolePage Open()
    {
        Driver.Navigate().GoToUrl(new Uri(host, "/console"));
        browser.WaitFor(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true", "the console script to start");
        return this;
    }

    public ConsolePage UseToken(string token)
    {
        var field = Driver.FindElement(By.Id("token"));
        field.Clear();
        field.SendKeys(token);
        field.SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.Id("who")).Text.StartsWith("Token for", StringComparison.Ordinal), "the token to be taken");
        return this;
    }

    /// <summary>How many recommendations the listener view asks for.</summary>
    public ConsolePage WithItems(int count)
    {
        var field = Driver.FindElement(By.Id("listener-count"));
        field.Clear();
        field.SendKeys(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Types the listener id and presses Enter; waits until the list or an error is shown.</summary>
    public ConsolePage LoadListener(string userId)
    {
        var field = Driver.FindElement(By.Id("listener-id"));
        field.Clear();
        field.SendKeys(userId + Keys.Enter);
        browser.WaitFor(d => AlertText is not null || d.FindElement(By.Id("listener-status")).Text.StartsWith($"{userId}:", StringComparison.Ordinal),
            $"listener {userId} to load (or an error)");
        return this;
    }

    /// <summary>The recommended tracks as shown, top first.</summary>
    public IReadOnlyList<string> Tracks() =>
        [.. Driver.FindElements(By.CssSelector("#recs li.rec")).Select(li => li.GetAttribute("data-track")!)];

    public IReadOnlyList<IWebElement> Items() => Driver.FindElements(By.CssSelector("#recs li.rec"));

    /// <summary>Clicks an event button (play, complete, skip, like, dislike) on the item at <paramref name="position"/>; waits for the reload.</summary>
    public ConsolePage Send(string kind, int position)
    {
        var track = Tracks()[position];
        Items()[position].FindElement(By.CssSelector($"button[data-kind='{kind}']")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("listener-status")).Text.StartsWith($"{kind} on {track} recorded", StringComparison.Ordinal) || AlertText is not null,
            $"{kind} on {track} to be recorded and the list reloaded");
        return this;
    }

    /// <summary>The visible error box's text, or null when none is shown.</summary>
    public string? AlertText
    {
        get
        {
            var alert = Driver.FindElement(By.Id("alert"));
            return alert.Displayed ? alert.Text : null;
        }
    }

    public string Text(string id) => Driver.FindElement(By.Id(id)).Text;

    /// <summary>Lays the page out at exactly <paramref name="width"/> CSS pixels (DevTools device metrics; a window may not get that narrow).</summary>
    public void Emulate(int width, int height)
    {
        Metrics(width, height);
        _emulating = true;
        browser.WaitFor(_ => ViewportWidth() == width, $"a {width} px wide viewport");
    }

    public void StopEmulating()
    {
        Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        _emulating = false;
    }

    public long ViewportWidth() => (long)Driver.ExecuteScript("return window.innerWidth;")!;

    /// <summary>Whether the page is wider than the window (a horizontal scroll bar) or any visible element sticks out on the right.</summary>
    public bool OverflowsHorizontally() =>
        (bool)Driver.ExecuteScript("""
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > width + 1) return true;
            return [...document.querySelectorAll('body *')].some(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; });
            """)!;

    /// <summary>
    /// The lowest WCAG contrast ratio between a visible element's own text colour and the first opaque background
    /// behind it (its own or an ancestor's), over every element with text of its own; with that element's text.
    /// </summary>
    public (double Ratio, string Text) LowestTextContrast()
    {
        var result = (IReadOnlyCollection<object>)Driver.ExecuteScript("""
            const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = e => {
              for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] === 1) return c; }
              return [255, 255, 255];
            };
            let worst = [99, ''];
            for (const e of document.querySelectorAll('body *')) {
              const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              const box = e.getBoundingClientRect();
              if (!own || box.width === 0 || getComputedStyle(e).visibility === 'hidden') continue;
              const a = lum(rgb(getComputedStyle(e).color)), b = lum(background(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              if (ratio < worst[0]) worst = [ratio, e.textContent.trim().slice(0, 60)];
            }
            return worst;
            """)!;
        var pair = result.ToArray();
        return (Convert.ToDouble(pair[0], System.Globalization.CultureInfo.InvariantCulture), (string)pair[1]);
    }

    /// <summary>
    /// A PNG of the whole page at the current width, taken by the browser (DevTools): the viewport is made as tall as the
    /// page for the capture (so the layout is the one on screen, without a scroll bar), then put back.
    /// </summary>
    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var width = (int)ViewportWidth();
        var height = (long)Driver.ExecuteScript("return window.innerHeight;")!;
        var page = (long)Driver.ExecuteScript("return document.documentElement.scrollHeight;")!;
        Metrics(width, (int)page);
        var shot = (Dictionary<string, object>)Driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?> { ["format"] = "png" })!;
        if (_emulating) Metrics(width, (int)height);
        else StopEmulating();
        File.WriteAllBytes(path, Convert.FromBase64String((string)shot["data"]));
    }

    private void Metrics(int width, int height) =>
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride",
            new Dictionary<string, object?> { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
}
