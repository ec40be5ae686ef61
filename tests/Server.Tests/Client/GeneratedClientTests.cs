namespace Serviceloven.Server.Tests.Client;

/// <summary>The client generated from the OpenAPI document is the one checked in.</summary>
public class GeneratedClientTests(RulesServerFactory factory) : IClassFixture<RulesServerFactory>
{
    [Fact]
    public async Task The_checked_in_client_is_what_NSwag_generates_from_the_current_document()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var generated = await ClientGeneration.GenerateAsync(document);
        var path = ClientGeneration.GeneratedFile;
        var current = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        if (current == generated) return;
        if (Environment.GetEnvironmentVariable("UPDATE_GENERATED_CLIENT") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            return;
        }
        Assert.Fail($"{path} er ikke genereret fra det nuværende OpenAPI-dokument. Kør testen med UPDATE_GENERATED_CLIENT=1 for at skrive den igen, og se ændringen igennem.");
    }
}
