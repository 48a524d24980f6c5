using System.Text;
using Azure;
using Azure.Data.Tables;
using Personalization.Abstractions;
using Personalization.Grains.Journal;
using Personalization.Grains.Journal.Direct;

namespace Personalization.Tests.Durability.Direct;

/// <summary>
/// The response scanner on responses in Azurite's exact layout (captured from Azurite 3.37.0 answering the SDK) and on
/// broken ones: success only when every action has a 2xx sub-response; failures as the SDK reports them.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class BatchResponseScannerTests
{
    private const string ContentType = "multipart/mixed; boundary=batchresponse_9b";

    private static string Response(params string[] subResponses) =>
        "--batchresponse_9b\r\nContent-Type: multipart/mixed; boundary=changesetresponse_4c\r\n\r\n" +
        string.Concat(subResponses.Select(s => "--changesetresponse_4c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" + s + "\r\n")) +
        "--changesetresponse_4c--\r\n--batchresponse_9b--\r\n";

    private const string NoContent =
        "HTTP/1.1 204 No Content\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 3.0;\r\n" +
        "Location: http://127.0.0.1:10002/devstoreaccount1/J(PartitionKey='p001',RowKey='u1_2')\r\nETag: W/\"datetime'2026-11-26T01%3A28%3A24.37Z'\"\r\n\r\n";

    private static string Failed(int status, string reason, string body) =>
        $"HTTP/1.1 {status} {reason}\r\nContent-ID: 2\r\nDataServiceVersion: 3.0;\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n{body}";

    private const string AlreadyExists =
        "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\\nRequestId:ced7\\nTime:2026-11-26T01:28:24.399Z\"}}}";

    private static void Check(int status, string contentType, string body, int actions) =>
        BatchResponseScanner.Check(status, Encoding.ASCII.GetBytes(contentType), Encoding.UTF8.GetBytes(body), actions);

    [Fact]
    public void A_202_with_a_no_content_sub_response_per_action_is_success()
    {
        Check(202, ContentType, Response(NoContent, NoContent, NoContent), 3);
        Check(202, "Multipart/Mixed;boundary=\"batchresponse_9b\"", Response(NoContent).Replace("\r\n", "\n", StringComparison.Ordinal), 1); // LF only, quoted boundary
    }

    [Fact]
    public void A_conflict_reports_status_409_and_the_failed_action_index_like_the_sdk()
    {
        var error = Assert.Throws<TableTransactionFailedException>(() => Check(202, ContentType, Response(Failed(409, "Conflict", AlreadyExists)), 2));

        Assert.Equal(409, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.False(StorageErrors.IsTransient(error));
    }

    [Fact]
    public void An_error_message_without_an_index_or_with_one_out_of_range_gives_no_index()
    {
        var noIndex = AlreadyExists.Replace("1:The", "The", StringComparison.Ordinal);
        Assert.Null(Assert.Throws<TableTransactionFailedException>(() => Check(202, ContentType, Response(Failed(409, "Conflict", noIndex)), 2)).FailedTransactionActionIndex);
        Assert.Null(Assert.Throws<TableTransactionFailedException>(() => Check(202, ContentType, Response(Failed(409, "Conflict", AlreadyExists)), 1)).FailedTransactionActionIndex);
        var xml = Assert.Throws<TableTransactionFailedException>(() => Check(202, ContentType, Response(Failed(400, "Bad Request", "<?xml version=\"1.0\"?><error/>")), 2));
        Assert.Equal(400, xml.Status);
        Assert.Contains("<error/>", xml.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    public void A_failed_outer_request_is_a_transient_storage_failure(int status)
    {
        var error = Assert.Throws<RequestFailedException>(() => Check(status, "application/json", "{\"odata.error\":{\"code\":\"ServerBusy\",\"message\":{\"value\":\"busy\"}}}", 2));

        Assert.Equal(status, error.Status);
        Assert.True(StorageErrors.IsTransient(error));
        Assert.IsType<StorageUnavailableException>(StorageErrors.Translate(error, "append", TimeSpan.FromSeconds(1)));
        Assert.True(DirectBatchTransport.IsRetriable(error));
    }

    [Fact]
    public void A_failed_outer_request_that_is_not_transient_keeps_its_status()
    {
        var error = Assert.Throws<RequestFailedException>(() => Check(403, "application/json", "{\"odata.error\":{\"code\":\"AuthenticationFailed\",\"message\":{\"value\":\"no\"}}}", 1));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
        Assert.False(StorageErrors.IsTransient(error));
        Assert.False(DirectBatchTransport.IsRetriable(error));
    }

    [Theory]
    [InlineData(202, ContentType, "")] // empty body
    [InlineData(202, ContentType, "<html>proxy error</html>")] // no multipart at all
    [InlineData(202, "application/json", "{}")] // not multipart
    [InlineData(202, ContentType, "--batchresponse_9b\r\nContent-Type: multipart/mixed; boundary=changesetresponse_4c\r\n\r\n--changesetresponse_4c\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")] // truncated
    [InlineData(200, ContentType, "")] // success status, but not the batch answer
    public void A_response_that_cannot_be_understood_is_never_success(int status, string contentType, string body)
    {
        var error = Assert.Throws<BatchResponseFormatException>(() => Check(status, contentType, body, 1));
        Assert.False(StorageErrors.IsTransient(error));
    }

    [Fact]
    public void Fewer_or_other_sub_responses_than_actions_are_never_success()
    {
        Assert.Throws<BatchResponseFormatException>(() => Check(202, ContentType, Response(NoContent), 2));
        Assert.Throws<BatchResponseFormatException>(() => Check(202, ContentType, Response(NoContent, NoContent), 1));
        Assert.Throws<BatchResponseFormatException>(() => Check(202, ContentType, Response("HTTP/1.1 302 Found\r\n\r\n"), 1));
        Assert.Throws<BatchResponseFormatException>(() => Check(202, ContentType, Response("garbage\r\n\r\n"), 1));
    }
}
