using System.Xml.Linq;

// Usage: TestReport RESULTS.xml [...]. Prints "Category: N passed, N failed[, N skipped]" per category, then the total.
// Exit code 1 when a test failed, when no test ran, or when a test has no Category trait.
var counts = new SortedDictionary<string, (int Passed, int Failed, int Skipped)>(StringComparer.Ordinal);
foreach (var path in args)
{
    foreach (var test in XDocument.Load(path).Descendants("test"))
    {
        var category = test.Element("traits")?.Elements("trait")
            .FirstOrDefault(t => (string?)t.Attribute("name") == "Category")?.Attribute("value")?.Value ?? "(no category)";
        var c = counts.GetValueOrDefault(category);
        counts[category] = (string?)test.Attribute("result") switch
        {
            "Pass" => (c.Passed + 1, c.Failed, c.Skipped),
            "Skip" => (c.Passed, c.Failed, c.Skipped + 1),
            _ => (c.Passed, c.Failed + 1, c.Skipped),
        };
    }
}

static string Line((int Passed, int Failed, int Skipped) c) =>
    $"{c.Passed} passed, {c.Failed} failed" + (c.Skipped > 0 ? $", {c.Skipped} skipped" : "");

foreach (var (category, c) in counts) Console.WriteLine($"{category}: {Line(c)}");
var total = counts.Values.Aggregate((0, 0, 0), (a, c) => (a.Item1 + c.Passed, a.Item2 + c.Failed, a.Item3 + c.Skipped));
Console.WriteLine(Line(total));
return total.Item2 > 0 || total.Item1 == 0 || counts.ContainsKey("(no category)") ? 1 : 0;
