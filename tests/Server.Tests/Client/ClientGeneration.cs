using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Serviceloven.Server.Tests.Client;

/// <summary>
/// Generates the C# client of the API from /openapi/v1.json with NSwag, as an external case system would. The
/// generated file is checked in (tests/Server.Tests/Client/ServicelovenClient.g.cs) so the tests can compile against it;
/// a test regenerates it from the live document and fails when the two differ.
/// </summary>
public static class ClientGeneration
{
    public static string GeneratedFile => Path.Combine(RulesServerFactory.RepositoryRoot, "tests", "Server.Tests", "Client", "ServicelovenClient.g.cs");

    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "ServicelovenClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            GenerateClientInterfaces = false,
            UseBaseUrl = false,
            GenerateOptionalParameters = true,
            ExceptionClass = "ServicelovenApiException",
            CSharpGeneratorSettings =
            {
                Namespace = "Serviceloven.Server.Tests.Client",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                DateType = "System.DateOnly",
                DateTimeType = "System.DateTimeOffset",
                ArrayType = "System.Collections.Generic.List",
                ArrayInstanceType = "System.Collections.Generic.List",
                DictionaryType = "System.Collections.Generic.Dictionary",
                DictionaryInstanceType = "System.Collections.Generic.Dictionary",
            },
        };
        // One line ending, whatever the machine: the file is compared byte for byte.
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }
}
