using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Personalization.Abstractions;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Direct;
using Personalization.Grains.Journal.Segments;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability.Direct;

/// <summary>
/// The direct insert transport against real Azurite (and a scripted server for answers Azurite never gives): segments
/// stored identically to the SDK's, conflicts reported as the SDK reports them, outages as transient failures, retries within
/// the configured budget, requests signed as the Table service's SharedKeyLite scheme requires.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class DirectTransportTests(AzuriteFixture azurite)
{
    private const string Account = "devstoreaccount1";

    /// <summary>A segment of several parts (both property types the journal writes: the text, and the part count on part 0) with awkward text.</summary>
    private static IReadOnlyList<string> AwkwardSegment(string user)
    {
        var entries = JournalSamples.Entries(user, 1, 160)
            .Select(e => new SegmentEntry(user, e.Sequence, JournalEventCodec.Encode(e.Event with { TrackId = $"tråck \"ü\" \\ 🎵 </script> {e.Sequence} " + new string('x', 120) })))
            .ToArray();
        var parts = SegmentFormat.Encode(entries);
        Assert.InRange(parts.Count, 2, 4);
        return parts;
    }

    [Fact]
    public async Task Segments_written_directly_read_back_through_the_sdk_exactly_like_segments_the_sdk_wrote()
    {
        await using var direct = new SegmentTableScope(azurite.ConnectionString, "DirectRows", o => o.Transport = JournalOptions.DirectTransport);
        await using var sdk = new SegmentTableScope(azurite.ConnectionString, "SdkRows", o => o.Transport = JournalOptions.SdkTransport);
        Assert.Equal(JournalOptions.DirectTransport, direct.Options.ResolvedTransport);
        Assert.Equal(JournalOptions.SdkTransport, sdk.Options.ResolvedTransport);
        var user = "ü'se\"r x-" + Guid.NewGuid().ToString("N");
        var parts = AwkwardSegment(user);

        foreach (var scope in new[] { direct, sdk })
        {
            await scope.Segments.InsertAsync(5, 1, parts);
            Assert.True((await scope.Segments.ReadAsync(5, 1))!.Holds(parts));
        }

        var directRows = await RowsAsync(direct.Table);
        var sdkRows = await RowsAsync(sdk.Table);
        Assert.Equal(parts.Count, directRows.Count);
        Assert.Equal(sdkRows.Select(r => r.RowKey), directRows.Select(r => r.RowKey));
        foreach (var (mine, theirs) in directRows.Zip(sdkRows)) Assert.Equal(Comparable(theirs), Comparable(mine));
        Assert.IsType<int>(directRows[0][SegmentTable.PartsColumn]);
    }

    [Fact]
    public async Task An_insert_of_an_existing_row_fails_with_409_and_the_same_failed_index_as_through_the_sdk()
    {
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "DirectConflict");
        await scope.Table.CreateIfNotExistsAsync();
        await scope.Table.AddEntityAsync(new TableEntity("s000", "taken") { ["Data"] = "first" });
        TableTransactionAction[] transaction =
        [
            new(TableTransactionActionType.Add, new TableEntity("s000", "fresh") { ["Data"] = "new", ["Parts"] = 2 }),
            new(TableTransactionActionType.Add, new TableEntity("s000", "taken") { ["Data"] = "second" }),
        ];
        using var transport = Transport(azurite.ConnectionString, scope.Options);

        var direct = await Assert.ThrowsAsync<TableTransactionFailedException>(() => transport.SubmitAsync(transaction, default));
        var viaSdk = await Assert.ThrowsAsync<TableTransactionFailedException>(() => scope.Table.SubmitTransactionAsync(transaction));

        Assert.Equal(409, direct.Status);
        Assert.Equal(1, direct.FailedTransactionActionIndex);
        Assert.Equal((viaSdk.Status, viaSdk.FailedTransactionActionIndex, viaSdk.ErrorCode), (direct.Status, direct.FailedTransactionActionIndex, direct.ErrorCode));
        Assert.False((await scope.Table.GetEntityIfExistsAsync<TableEntity>("s000", "fresh")).HasValue); // all or nothing
        Assert.Equal("first", (await scope.Table.GetEntityAsync<TableEntity>("s000", "taken")).Value.GetString("Data"));
    }

    [Fact]
    public async Task Nothing_listening_is_a_transient_failure_that_becomes_StorageUnavailable()
    {
        var options = new JournalOptions { MaxRetries = 1, CommitTimeout = TimeSpan.FromSeconds(2) };
        using var transport = Transport(AzuriteConnection.ForPort(LoopbackPorts.Free()), options);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => transport.SubmitAsync(Inserts(2), default));

        Assert.True(StorageErrors.IsTransient(error), error.ToString());
        var translated = Assert.IsType<StorageUnavailableException>(StorageErrors.Translate(error, "append", TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(3), translated.RetryAfter);
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_by_the_service_and_is_not_transient()
    {
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "DirectAuth");
        await scope.Table.CreateIfNotExistsAsync();
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite.ConnectionString);
        using var transport = new DirectBatchTransport(
            new Uri($"http://{host}:{port}/{Account}"), scope.Options.TableName, Account, RandomNumberGenerator.GetBytes(64), scope.Options);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => transport.SubmitAsync(Inserts(1), default));

        Assert.Equal(403, error.Status);
        Assert.False(StorageErrors.IsTransient(error));
    }

    [Fact]
    public async Task Server_errors_are_retried_within_the_budget_and_then_succeed_or_fail_as_transient()
    {
        var busy = ScriptedHttpServer.Answer(503, "application/json", "{\"odata.error\":{\"code\":\"ServerBusy\",\"message\":{\"value\":\"busy\"}}}");
        var options = new JournalOptions { MaxRetries = 2 };
        using (var recovering = new ScriptedHttpServer(busy, busy, Accepted(2)))
        using (var transport = ScriptedTransport(recovering, options))
        {
            await transport.SubmitAsync(Inserts(2), default);
            Assert.Equal(3, recovering.Requests.Count);
        }

        using var down = new ScriptedHttpServer(busy);
        using var failing = ScriptedTransport(down, options);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => failing.SubmitAsync(Inserts(2), default));
        Assert.Equal(503, error.Status);
        Assert.Equal(options.MaxRetries + 1, down.Requests.Count);
        Assert.IsType<StorageUnavailableException>(StorageErrors.Translate(error, "append", options.RetryAfter));
    }

    [Fact]
    public async Task A_failed_sub_response_or_an_unreadable_answer_is_not_retried_and_never_success()
    {
        var options = new JournalOptions { MaxRetries = 2 };
        const string Conflict = "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\n\r\n{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"value\":\"0:exists\"}}}";
        using (var conflicting = new ScriptedHttpServer(Multipart(Conflict)))
        using (var transport = ScriptedTransport(conflicting, options))
        {
            var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => transport.SubmitAsync(Inserts(2), default));
            Assert.Equal((409, (int?)0), (error.Status, error.FailedTransactionActionIndex));
            Assert.Single(conflicting.Requests);
        }

        using var garbled = new ScriptedHttpServer(ScriptedHttpServer.Answer(202, "multipart/mixed; boundary=batchresponse_x", "not a multipart body"));
        using var confused = ScriptedTransport(garbled, options);
        await Assert.ThrowsAsync<BatchResponseFormatException>(() => confused.SubmitAsync(Inserts(2), default));
        Assert.Single(garbled.Requests);
    }

    [Fact]
    public async Task Requests_are_signed_with_shared_key_lite_over_the_date_and_the_path_style_batch_resource()
    {
        using var server = new ScriptedHttpServer(Accepted(1));
        using var transport = ScriptedTransport(server, new JournalOptions());

        await transport.SubmitAsync(Inserts(1), default);

        var head = server.Requests.Single().Head;
        Assert.StartsWith($"POST /{Account}/$batch HTTP/1.1", head, StringComparison.Ordinal);
        var date = Header(head, "x-ms-date");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(AccountKeyReader.DevelopmentStorageKey), Encoding.UTF8.GetBytes($"{date}\n/{Account}/{Account}/$batch")));
        Assert.Equal($"SharedKeyLite {Account}:{expected}", Header(head, "Authorization"));
        Assert.Equal(BatchRequestWriter.ServiceVersion, Header(head, "x-ms-version"));
        Assert.StartsWith("multipart/mixed; boundary=batch_", Header(head, "Content-Type"), StringComparison.Ordinal);
    }

    private static DirectBatchTransport Transport(string connectionString, JournalOptions options)
    {
        var service = new TableServiceClient(connectionString);
        Assert.True(AccountKeyReader.TryRead(connectionString, out var key));
        return new DirectBatchTransport(service.Uri, options.TableName, service.AccountName, key, options);
    }

    private static DirectBatchTransport ScriptedTransport(ScriptedHttpServer server, JournalOptions options) =>
        Transport(AzuriteConnection.ForPort(server.Port), options);

    private static TableTransactionAction[] Inserts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("s000", $"row{i}") { ["Data"] = "{}" }))];

    private static string Multipart(params string[] subResponses) =>
        ScriptedHttpServer.Answer(202, "multipart/mixed; boundary=batchresponse_s", "--batchresponse_s\r\nContent-Type: multipart/mixed; boundary=changesetresponse_s\r\n\r\n" +
            string.Concat(subResponses.Select(s => $"--changesetresponse_s\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{s}\r\n")) +
            "--changesetresponse_s--\r\n--batchresponse_s--\r\n");

    private static string Accepted(int actions) => Multipart([.. Enumerable.Repeat("HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\n\r\n", actions)]);

    private static string Header(string head, string name) =>
        head.Split("\r\n").Single(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(row);
        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>Every property but the service's own (Timestamp, ETag), with its CLR type.</summary>
    private static string Comparable(TableEntity row) => string.Join("\n", row
        .Where(p => p.Key is not ("Timestamp" or "odata.etag"))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}:{p.Value?.GetType().Name}={p.Value}"));
}
