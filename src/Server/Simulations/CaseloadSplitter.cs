using System.Runtime.CompilerServices;
using System.Text;
using Serviceloven.Runtime.Simulation;
using Sylvan.Data.Csv;

namespace Serviceloven.Server.Simulations;

/// <summary>A slice of a caseload: rows <see cref="FirstRow"/>.. as the whole file numbers them, as a file of its own.</summary>
public sealed record CaseloadSlice(int Number, long FirstRow, long Rows, string Text)
{
    /// <summary>What to add to the row numbers a reader gives the slice to get the whole file's (CSV: the slice repeats the header).</summary>
    public static long RowOffset(CaseloadFormat format, long firstRow) => format == CaseloadFormat.Csv ? firstRow - 2 : firstRow - 1;
}

/// <summary>
/// Cuts an upload into slices of at most a number of rows while it is read (the file is never whole in memory): CSV
/// record by record with the header repeated in each slice (quoted fields stay whole), JSON Lines line by line. Each
/// slice is read once by the caseload reader before it is handed on, so a CPR-like column or a file with no known
/// column is refused before anything is stored or evaluated.
/// </summary>
public static class CaseloadSplitter
{
    public static IAsyncEnumerable<CaseloadSlice> SplitAsync(Stream upload, CaseloadFormat format, CaseloadSchema schema, int rowsPerSlice,
        CancellationToken cancellationToken) =>
        Checked(format == CaseloadFormat.Csv ? CsvAsync(upload, rowsPerSlice, cancellationToken) : JsonLinesAsync(upload, rowsPerSlice, cancellationToken),
            format, schema, cancellationToken);

    private static async IAsyncEnumerable<CaseloadSlice> Checked(IAsyncEnumerable<CaseloadSlice> slices, CaseloadFormat format, CaseloadSchema schema,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var slice in slices.WithCancellation(cancellationToken))
        {
            await using var text = new MemoryStream(Encoding.UTF8.GetBytes(slice.Text), writable: false);
            // Read only for the refusals (they throw); rows that do not bind are counted when the slice is evaluated.
            await foreach (var _ in CaseloadReader.ReadAsync(text, format, schema, _ => { }, null, cancellationToken)) { }
            any = true;
            yield return slice;
        }
        if (!any) throw new CaseloadRefusedException("caseload", "Filen har ingen rækker.");
    }

    private static async IAsyncEnumerable<CaseloadSlice> CsvAsync(Stream upload, int rowsPerSlice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(upload, detectEncodingFromByteOrderMarks: true);
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(reader, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken);
        }
        catch (CsvMissingHeadersException)
        {
            throw new CaseloadRefusedException("caseload", "Filen er tom; første linje skal være overskrifterne.");
        }
        await using (csv)
        {
            var columns = csv.FieldCount;
            if (columns == 0) throw new CaseloadRefusedException("caseload", "Filen er tom; første linje skal være overskrifterne.");
            var header = new StringBuilder();
            for (var i = 0; i < columns; i++) Field(header, i, csv.GetName(i).AsSpan());
            header.Append('\n');

            var slice = new StringBuilder().Append(header);
            long rows = 0, row = 1, first = 2;
            var number = 0;
            while (await csv.ReadAsync(cancellationToken))
            {
                row++;
                var fields = Math.Min(columns, csv.RowFieldCount);
                for (var i = 0; i < fields; i++) Field(slice, i, csv.GetFieldSpan(i));
                slice.Append('\n');
                if (++rows < rowsPerSlice) continue;
                yield return new CaseloadSlice(number++, first, rows, slice.ToString());
                slice.Clear().Append(header);
                rows = 0;
                first = row + 1;
            }
            if (rows > 0) yield return new CaseloadSlice(number, first, rows, slice.ToString());
        }
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",;\t|\"\r\n");

    // Written again with commas; a field with a separator, a quote or a line break is quoted, so the slice reads as the file did.
    private static void Field(StringBuilder s, int index, ReadOnlySpan<char> value)
    {
        if (index > 0) s.Append(',');
        if (value.IndexOfAny(Special) < 0)
        {
            s.Append(value);
            return;
        }
        s.Append('"');
        foreach (var c in value) s.Append(c == '"' ? "\"\"" : c);
        s.Append('"');
    }

    private static async IAsyncEnumerable<CaseloadSlice> JsonLinesAsync(Stream upload, int rowsPerSlice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(upload, detectEncodingFromByteOrderMarks: true);
        var slice = new StringBuilder();
        long rows = 0, line = 0, first = 1;
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            slice.Append(text).Append('\n');
            if (++rows < rowsPerSlice) continue;
            yield return new CaseloadSlice(number++, first, rows, slice.ToString());
            slice.Clear();
            rows = 0;
            first = line + 1;
        }
        if (rows > 0) yield return new CaseloadSlice(number, first, rows, slice.ToString());
    }
}
