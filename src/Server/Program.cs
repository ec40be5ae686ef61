using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serviceloven.Admin.Hosting;
using Serviceloven.Server;
using Serviceloven.Server.Access;
using Serviceloven.Server.Cli;
using Serviceloven.Server.Evaluations;
using Serviceloven.Server.Health;
using Serviceloven.Server.Hosting;
using Serviceloven.Server.Metrics;
using Serviceloven.Server.OpenApi;
using Serviceloven.Server.Rulesets;
using Serviceloven.Server.Satser;
using Serviceloven.Server.Security;
using Serviceloven.Server.Simulations;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseDefaultUnlessConfigured();
builder.Services.AddRulesServer(builder.Configuration);
builder.Services.AddAdminUi(builder.Configuration);
builder.Services.AddSimulationJobs(builder.Configuration);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
builder.Services.AddApiDocumentation();
builder.Services.AddServerMetrics(builder.Configuration);
builder.Services.AddTransportSecurity(builder.Configuration, builder.Environment);
// Kestrel's body limit from the one binding of "Access" (validated before the server starts).
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<AccessOptions>>((k, access) => k.Limits.MaxRequestBodySize = access.Value.MaxRequestBodyBytes);
// The admin's Blazor script lives in the framework's static web assets; outside Development they are only found with this.
builder.WebHost.UseStaticWebAssets();

var app = builder.Build();
if (app.ValidateConfigurationOrExit(Console.Error) is { } invalid) return invalid;
app.UseTransportSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();

if (app.InitializeOrExit(Console.Error) is { } exitCode) return exitCode;
app.UseServicelovenAdmin();

app.MapHealth();
app.MapServerMetrics();
app.MapOpenApi();
app.MapScalarApiReference("/api", o => o.WithTitle("Serviceloven regelserver – API"));

var api = app.MapGroup("/api/v1").RequireAuthorization(ApiKeyAuthentication.Policy).RequireRateLimiting(ApiRateLimitPolicy.Name)
    .AddEndpointFilter<RequestSizeFilter>()
    .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
api.MapEvaluations().WithEvaluationMetrics();
api.MapRulesets();
api.MapSatser();
api.MapSimulations();
app.MapServicelovenAdmin();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var access = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
    app.Logger.LogInformation("API: {Urls}/api/v1 (OpenAPI: /openapi/v1.json, reference: /api). Anonym evaluering: {Anonymous}.",
        string.Join(", ", app.Urls), access.AllowAnonymousEvaluation ? "tilladt (Development)" : "slået fra; brug X-Api-Key");
    app.Logger.LogInformation("Administration: {Urls} (log ind med en brugerkonto; den første administrator står ovenfor ved første start).",
        string.Join(", ", app.Urls.Select(u => u + "/admin")));
});

await app.RunAsync();
return 0;

public partial class Program;
