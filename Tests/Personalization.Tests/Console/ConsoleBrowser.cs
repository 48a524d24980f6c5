using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Personalization.Tests.Console;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver (both installed by <c>.ci/run</c>; no download, no Selenium
/// Manager), with a fresh profile directory and the browser's network log on, so a test can list every request the page
/// made. One browser per test class; each test opens its own page.
/// </summary>
public sealed class ConsoleBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _profile = Directory.CreateTempSubdirectory("pzn-console-").FullName;

    public ConsoleBrowser()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"The Console tests need Debian's chromium and chromium-driver ({ChromiumPath}, {DriverPath}): apt-get install -y --no-install-recommends chromium chromium-driver (.ci/run does).");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--window-size=1280,1000", $"--user-data-dir={_profile}");
        options.SetLoggingPreference("performance", OpenQA.Selenium.LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, Patience);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, polling the page; fails the test with <paramref name="what"/>.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(Driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(50), Message = $"waiting for {what}" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    /// <summary>The URL of every request the browser sent since the last call (the network log is read and emptied).</summary>
    public IReadOnlyList<string> TakeRequestedUrls()
    {
        var urls = new List<string>();
        foreach (var entry in Driver.Manage().Logs.GetLog("performance"))
        {
            using var json = JsonDocument.Parse(entry.Message);
            var message = json.RootElement.GetProperty("message");
            if (message.GetProperty("method").GetString() != "Network.requestWillBeSent") continue;
            urls.Add(message.GetProperty("params").GetProperty("request").GetProperty("url").GetString()!);
        }

        return urls;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile while it exits; the temp directory is cleaned by the OS.
        }
    }
}
