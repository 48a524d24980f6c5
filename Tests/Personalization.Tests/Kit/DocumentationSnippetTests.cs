using Personalization.Tests.Operations;

namespace Personalization.Tests.Kit;

/// <summary>
/// Every C# block of Tests/README.md is a piece of a file the build compiles (this test project, or the outside
/// consumer samples/OutsideTests that CI builds from the packed kit): the docs cannot drift from the kit's signatures.
/// Lines compare exactly, up to one indentation offset for the whole block.
/// </summary>
[Trait("Category", "Contract")]
[Trait("Requires", "None")]
public sealed class DocumentationSnippetTests
{
    private static readonly string[] CompiledFolders = ["Tests/Personalization.Tests", "samples/OutsideTests"];

    [Fact]
    public void Every_csharp_block_of_the_kit_readme_is_in_a_compiled_file()
    {
        var blocks = CSharpBlocks(File.ReadAllLines(Path.Combine(Manifests.Root, "Tests", "README.md")));
        var sources = CompiledFolders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(Manifests.Root, f), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllLines)
            .ToList();

        var missing = blocks.Where(b => !sources.Any(lines => Contains(lines, b))).Select(b => string.Join('\n', b)).ToList();

        Assert.True(blocks.Count >= 5, $"Expected the README's examples, found {blocks.Count} C# blocks.");
        Assert.True(missing.Count == 0, "Not in any compiled file:\n" + string.Join("\n---\n", missing));
    }

    [Fact]
    public void A_block_that_differs_from_its_file_is_found_out()
    {
        string[] file = ["    var a = 1;", "    var b = a + 1;"];

        Assert.True(Contains(file, ["var a = 1;", "var b = a + 1;"]));
        Assert.False(Contains(file, ["var a = 1;", "var b = a + 2;"]));
        Assert.False(Contains(file, ["var a = 1;", "  var b = a + 1;"]));
    }

    private static List<string[]> CSharpBlocks(string[] markdown)
    {
        var blocks = new List<string[]>();
        List<string>? current = null;
        foreach (var line in markdown)
        {
            if (current is null && line.Trim() == "```csharp") current = [];
            else if (current is not null && line.Trim() == "```")
            {
                blocks.Add([.. current]);
                current = null;
            }
            else
            {
                current?.Add(line.TrimEnd());
            }
        }

        return blocks;
    }

    /// <summary>Whether <paramref name="block"/> is a run of lines of <paramref name="file"/>, shifted by one indentation for all its non-empty lines.</summary>
    private static bool Contains(string[] file, string[] block)
    {
        for (var start = 0; start + block.Length <= file.Length; start++)
        {
            int? shift = null;
            var match = true;
            for (var k = 0; k < block.Length && match; k++)
            {
                var (source, doc) = (file[start + k].TrimEnd(), block[k]);
                if (doc.Length == 0) { match = source.Length == 0; continue; }
                var offset = source.Length - doc.Length;
                match = offset >= 0 && source.EndsWith(doc, StringComparison.Ordinal) && source[..offset].Trim().Length == 0 && (shift ??= offset) == offset;
            }

            if (match) return true;
        }

        return false;
    }
}
