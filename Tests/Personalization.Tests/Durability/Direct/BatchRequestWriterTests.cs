using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.WebUtilities;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Direct;

namespace Personalization.Tests.Durability.Direct;

/// <summary>The $batch body the direct transport writes, read back with ASP.NET Core's multipart reader (no Azurite).</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class BatchRequestWriterTests
{
    private static readonly Uri Table = new("http://127.0.0.1:10002/devstoreaccount1/Journal");

    private static TableTransactionAction Insert(string rowKey, long sequence, string eventJson) =>
        new(TableTransactionActionType.Add, new TableEntity("p007", rowKey)
        {
            ["UserId"] = "ü'se\"r",
            ["Sequence"] = sequence,
            ["AppendEnd"] = 2L,
            ["Event"] = eventJson,
        });

    [Fact]
    public async Task A_two_entity_body_is_one_changeset_of_two_inserts_with_the_sdks_headers_and_types()
    {
        const string eventJson = "{\"v\":1,\"id\":\"é\\n\\\"x\\\"\",\"kind\":\"skip\"}";
        TableTransactionAction[] actions = [Insert("ü'se\"r_0000000000000000001", 1, eventJson), Insert("ü'se\"r_0000000000000000002", long.MaxValue, "{}")];
        using var body = new PooledBufferWriter(64); // small on purpose: the buffer must grow
        new BatchRequestWriter(Table).Write(actions, "batch_b1", "changeset_c1", body);

        var batch = new MultipartReader("batch_b1", new MemoryStream(body.WrittenMemory.ToArray()));
        var changesetPart = await batch.ReadNextSectionAsync();
        Assert.NotNull(changesetPart);
        Assert.Equal("multipart/mixed; boundary=changeset_c1", changesetPart.ContentType);

        var changeset = new MultipartReader("changeset_c1", changesetPart.Body);
        var requests = new List<(string StartLine, Dictionary<string, string> Headers, JsonElement Entity)>();
        while (await changeset.ReadNextSectionAsync() is { } section)
        {
            Assert.Equal("application/http", section.ContentType);
            Assert.Equal("binary", section.Headers!["Content-Transfer-Encoding"].ToString());
            requests.Add(ParseRequest(await new StreamReader(section.Body, Encoding.UTF8).ReadToEndAsync()));
        }

        Assert.Null(await batch.ReadNextSectionAsync()); // one changeset only
        Assert.Equal(2, requests.Count);
        foreach (var (startLine, headers, _) in requests)
        {
            Assert.Equal($"POST {Table.AbsoluteUri}?$format=application%2Fjson%3Bodata%3Dminimalmetadata HTTP/1.1", startLine);
            Assert.Equal("return-no-content", headers["Prefer"]);
            Assert.Equal("application/json;odata=nometadata", headers["Content-Type"]);
            Assert.Equal("3.0", headers["DataServiceVersion"]);
            Assert.Equal(BatchRequestWriter.ServiceVersion, headers["x-ms-version"]);
        }

        var first = requests[0].Entity;
        Assert.Equal(["PartitionKey", "RowKey", "UserId", "Sequence", "Sequence@odata.type", "AppendEnd", "AppendEnd@odata.type", "Event"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("p007", first.GetProperty("PartitionKey").GetString());
        Assert.Equal("ü'se\"r_0000000000000000001", first.GetProperty("RowKey").GetString());
        Assert.Equal("ü'se\"r", first.GetProperty("UserId").GetString());
        Assert.Equal("1", first.GetProperty("Sequence").GetString()); // Int64 travels as a string, typed by the annotation
        Assert.Equal("Edm.Int64", first.GetProperty("Sequence@odata.type").GetString());
        Assert.Equal(eventJson, first.GetProperty("Event").GetString());
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), requests[1].Entity.GetProperty("Sequence").GetString());
    }

    [Fact]
    public void Only_inserts_of_supported_property_types_are_written_directly()
    {
        var insert = Insert("a_1", 1, "{}");
        Assert.True(BatchRequestWriter.CanWrite([insert]));
        Assert.False(BatchRequestWriter.CanWrite([]));
        Assert.False(BatchRequestWriter.CanWrite([insert, new TableTransactionAction(TableTransactionActionType.UpsertReplace, insert.Entity)]));
        Assert.False(BatchRequestWriter.CanWrite([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r") { ["When"] = DateTimeOffset.UnixEpoch })]));
        using var body = new PooledBufferWriter();
        Assert.Throws<NotSupportedException>(() => new BatchRequestWriter(Table).Write(
            [new TableTransactionAction(TableTransactionActionType.Delete, insert.Entity)], "batch_x", "changeset_y", body));
    }

    /// <summary>An embedded HTTP request: start line, headers, JSON body.</summary>
    private static (string StartLine, Dictionary<string, string> Headers, JsonElement Entity) ParseRequest(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "the sub-request has a header block");
        var lines = text[..split].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(text[(split + 4)..]);
        return (lines[0], headers, json.RootElement.Clone());
    }
}
