using System.Runtime.CompilerServices;
using System.Text.Json;
using Serviceloven.Engine.Model;
using Sylvan.Data.Csv;

namespace Serviceloven.Runtime.Simulation;

/// <summary>
/// Reads a caseload as a stream, one case at a time: CSV (Sylvan; comma, semicolon or tab, found from the header) or
/// JSON Lines (each line the facts of an evaluation request, optionally decisionDate and notes). Nothing is buffered
/// beyond the current row. A cell that does not bind is reported through <c>onError</c> and its row is not evaluated;
/// a CPR-like value refuses the whole file with the column named.
/// </summary>
public static class CaseloadReader
{
    private static readonly string[] CprHeaders = ["cpr", "cprnr", "cpr-nr", "cpr_nr", "cpr-nummer", "cprnummer", "personnummer"];

    public static IAsyncEnumerable<CaseloadCase> ReadAsync(Stream stream, CaseloadFormat format, CaseloadSchema schema,
        Action<RowError> onError, Action<IReadOnlyList<string>>? onIgnoredColumns = null, CancellationToken cancellationToken = default) =>
        format == CaseloadFormat.Csv
            ? ReadCsvAsync(stream, schema, onError, onIgnoredColumns, cancellationToken)
            : ReadJsonLinesAsync(stream, schema, onError, onIgnoredColumns, cancellationToken);

    /// <summary>The format from a file name: .jsonl / .ndjson are JSON Lines, anything else CSV.</summary>
    public static CaseloadFormat FormatOf(string fileName) =>
        fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? CaseloadFormat.JsonLines : CaseloadFormat.Csv;

    private static async IAsyncEnumerable<CaseloadCase> ReadCsvAsync(Stream stream, CaseloadSchema schema, Action<RowError> onError,
        Action<IReadOnlyList<string>>? onIgnoredColumns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken);
        var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToArray();
        foreach (var h in headers)
            if (CprHeaders.Contains(h, StringComparer.OrdinalIgnoreCase))
                throw Cpr(h);
        var facts = headers.Select(schema.Find).ToArray();
        var dateColumn = Array.FindIndex(headers, CaseloadSchema.IsDecisionDate);
        var ignored = headers.Where((h, i) => facts[i] is null && i != dateColumn).ToList();
        if (facts.All(f => f is null))
            throw new CaseloadRefusedException("header", "Ingen kolonne i filen er et faktum i regelsættet. Brug faktummets navn eller dets danske betegnelse som overskrift.");
        onIgnoredColumns?.Invoke(ignored);

        long row = 1; // the header is row 1, as a spreadsheet shows it
        while (await csv.ReadAsync(cancellationToken))
        {
            row++;
            var values = new Dictionary<string, object?>(facts.Length, StringComparer.Ordinal);
            DateOnly? decisionDate = null;
            var ok = true;
            for (var i = 0; i < headers.Length && i < csv.FieldCount; i++)
            {
                var cell = csv.GetFieldSpan(i).Trim();
                if (cell.IsEmpty) continue;
                if (CaseloadValues.LooksLikeCpr(cell)) throw Cpr(headers[i]);
                if (i == dateColumn)
                {
                    if (CaseloadValues.TryDate(cell, out var d)) decisionDate = d;
                    else { onError(new RowError(row, headers[i], $"\"{cell}\" er ikke en dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ).")); ok = false; }
                    continue;
                }
                if (facts[i] is not { } fact) continue;
                if (CaseloadValues.TryParse(fact, cell, out var value, out var error)) values[fact.Name] = value;
                else { onError(new RowError(row, headers[i], error!)); ok = false; }
            }
            if (ok) yield return new CaseloadCase(row, decisionDate, values);
        }
    }

    private static async IAsyncEnumerable<CaseloadCase> ReadJsonLinesAsync(Stream stream, CaseloadSchema schema, Action<RowError> onError,
        Action<IReadOnlyList<string>>? onIgnoredColumns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var ignored = new List<string>();
        long row = 0;
        while (await text.ReadLineAsync(cancellationToken) is { } line)
        {
            row++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException ex)
            {
                onError(new RowError(row, "(linjen)", "Linjen er ikke gyldig JSON: " + ex.Message));
                continue;
            }
            using (doc)
            {
                var root = doc.RootElement;
                var ok = true;
                DateOnly? decisionDate = null;
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Object)
                {
                    onError(new RowError(row, "facts", "Linjen skal være et objekt med \"facts\"."));
                    continue;
                }
                if (root.TryGetProperty("decisionDate", out var dd) && dd.ValueKind != JsonValueKind.Null)
                {
                    if (dd.ValueKind == JsonValueKind.String && CaseloadValues.TryDate(dd.GetString(), out var d)) decisionDate = d;
                    else { onError(new RowError(row, "decisionDate", $"{dd.GetRawText()} er ikke en dato (ÅÅÅÅ-MM-DD).")); ok = false; }
                }
                foreach (var p in facts.EnumerateObject())
                {
                    if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        && CaseloadValues.LooksLikeCpr(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString().AsSpan().Trim() : p.Value.GetRawText()))
                        throw Cpr("facts." + p.Name);
                    if (schema.Find(p.Name) is not { } fact)
                    {
                        if (!ignored.Contains(p.Name) && ignored.Count < 100) { ignored.Add(p.Name); onIgnoredColumns?.Invoke(ignored); }
                        continue;
                    }
                    if (p.Value.ValueKind == JsonValueKind.Null) continue;
                    if (Bind(fact, p.Value, out var value, out var error)) values[fact.Name] = value;
                    else { onError(new RowError(row, "facts." + p.Name, error!)); ok = false; }
                }
                if (ok) yield return new CaseloadCase(row, decisionDate, values);
            }
        }
    }

    private static bool Bind(FactDefinition fact, JsonElement e, out object? value, out string? error)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False when fact.Type == ValueKind.Bool:
                value = e.GetBoolean();
                error = null;
                return true;
            case JsonValueKind.Number when fact.Type.IsNumeric():
                return CaseloadValues.TryParse(fact, e.GetRawText(), out value, out error);
            case JsonValueKind.String:
                return CaseloadValues.TryParse(fact, e.GetString().AsSpan().Trim(), out value, out error);
            default:
                value = null;
                error = $"{e.GetRawText()} passer ikke til typen {fact.Type.Danish()}.";
                return false;
        }
    }

    private static CaseloadRefusedException Cpr(string column) =>
        new(column, $"Kolonnen \"{column}\" ligner CPR-numre. En sagsbestand til simulering skal være anonymiseret: fjern kolonnen og prøv igen. Filen er ikke gemt.");
}
