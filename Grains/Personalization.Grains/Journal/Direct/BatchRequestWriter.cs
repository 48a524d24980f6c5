using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Writes the OData <c>$batch</c> body of one entity-group transaction of inserts straight into a pooled buffer, in
/// the layout Azure.Data.Tables 12.13 sends: one changeset; per entity a <c>POST {table}</c> sub-request with the SDK's
/// headers (<c>Prefer: return-no-content</c>, <c>Content-Type: application/json;odata=nometadata</c>) and a JSON
/// entity typed as the SDK types it (strings and Int32/Boolean as JSON values, Int64 as a string with
/// <c>"Name@odata.type":"Edm.Int64"</c>), so rows read back identically through the SDK. Only inserts
/// (<see cref="TableTransactionActionType.Add"/>) and the property types the journal writes are supported
/// (<see cref="CanWrite"/>); anything else goes through the SDK.
/// </summary>
public sealed class BatchRequestWriter
{
    /// <summary>The REST API version Azure.Data.Tables 12.13 speaks (also sent on the outer request).</summary>
    public const string ServiceVersion = "2020-12-06";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // valid JSON; quotes as \" rather than \u0022 (smaller bodies)
        SkipValidation = true,
    };

    private readonly byte[] _insertPrelude;

    /// <param name="tableUri">The table's URL, e.g. <c>http://127.0.0.1:10002/devstoreaccount1/PersonalizationJournal</c>.</param>
    public BatchRequestWriter(Uri tableUri)
    {
        ArgumentNullException.ThrowIfNull(tableUri);
        _insertPrelude = Encoding.ASCII.GetBytes(
            "\r\nContent-Type: application/http\r\n" +
            "Content-Transfer-Encoding: binary\r\n" +
            "\r\n" +
            $"POST {tableUri.AbsoluteUri}?$format=application%2Fjson%3Bodata%3Dminimalmetadata HTTP/1.1\r\n" +
            $"Host: {tableUri.Host}\r\n" +
            $"x-ms-version: {ServiceVersion}\r\n" +
            "DataServiceVersion: 3.0\r\n" +
            "Prefer: return-no-content\r\n" +
            "Accept: application/json;odata=minimalmetadata\r\n" +
            "Content-Type: application/json;odata=nometadata\r\n" +
            "\r\n");
    }

    /// <summary>Whether every action is an insert whose properties this writer can type exactly as the SDK does.</summary>
    public static bool CanWrite(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            if (action.ActionType != TableTransactionActionType.Add || action.Entity is not TableEntity entity) return false;
            foreach (var (name, value) in entity)
            {
                if (!IsServiceOwned(name) && value is not (null or string or long or int or bool)) return false;
            }
        }

        return actions.Count > 0;
    }

    /// <summary>Writes the body; the request's Content-Type is <c>multipart/mixed; boundary={batchBoundary}</c>.</summary>
    public void Write(IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary, PooledBufferWriter body)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(body);
        if (!CanWrite(actions)) throw new NotSupportedException("The direct transport writes only inserts of string, Int64, Int32 and Boolean properties.");
        body.WriteAscii("--");
        body.WriteAscii(batchBoundary);
        body.WriteAscii("\r\nContent-Type: multipart/mixed; boundary=");
        body.WriteAscii(changesetBoundary);
        body.WriteAscii("\r\n\r\n");
        using var json = new Utf8JsonWriter(body, JsonOptions);
        foreach (var action in actions)
        {
            body.WriteAscii("--");
            body.WriteAscii(changesetBoundary);
            body.Write(_insertPrelude);
            WriteEntity(json, (TableEntity)action.Entity);
            json.Flush();
            json.Reset(body);
            body.WriteAscii("\r\n");
        }

        body.WriteAscii("--");
        body.WriteAscii(changesetBoundary);
        body.WriteAscii("--\r\n\r\n--");
        body.WriteAscii(batchBoundary);
        body.WriteAscii("--\r\n");
    }

    private static void WriteEntity(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            if (IsServiceOwned(name)) continue;
            switch (value)
            {
                case string text:
                    json.WriteString(name, text);
                    break;
                case long number:
                    WriteInt64(json, name, number);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
            }
        }

        json.WriteEndObject();
    }

    /// <summary>As the SDK: the value as a JSON string, then <c>"{name}@odata.type":"Edm.Int64"</c>.</summary>
    private static void WriteInt64(Utf8JsonWriter json, string name, long number)
    {
        Span<char> digits = stackalloc char[20];
        number.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        json.WriteString(name, digits[..length]);
        const string Annotation = "@odata.type";
        Span<char> typed = name.Length <= 200 ? stackalloc char[name.Length + Annotation.Length] : new char[name.Length + Annotation.Length];
        name.CopyTo(typed);
        Annotation.CopyTo(typed[name.Length..]);
        json.WriteString(typed, "Edm.Int64");
    }

    /// <summary>ETag and Timestamp are kept by the service, never sent.</summary>
    private static bool IsServiceOwned(string name) => name is "odata.etag" or "Timestamp";
}
