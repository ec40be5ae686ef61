namespace Serviceloven.Server.OpenApi;

/// <summary>Examples shown in the OpenAPI document and the API reference page.</summary>
public static class Examples
{
    public const string EvaluationRequest = """
        {
          "ruleset": "sel-97",
          "decisionDate": "2024-03-01",
          "asOf": null,
          "facts": { "birthDate": "1990-05-01", "cannotGetAroundAloneOutsideHome": true },
          "notes": { "cannotGetAroundAloneOutsideHome": "Borgeren kan ikke færdes alene uden for hjemmet på grund af ..." },
          "begrundelse": true
        }
        """;

    public const string EvaluationResponse = """
        {
          "ruleset": "sel-97",
          "decisionDate": "2024-03-01",
          "status": "determined",
          "outcome": "bevilget",
          "outputs": { "outcome": "bevilget", "hoursPerMonth": 15 },
          "missingFacts": [],
          "version": { "id": 1, "validFrom": "2018-02-01", "validTo": null, "publishedAt": "2026-11-25T17:00:00Z", "hash": "sha256:..." },
          "satser": [],
          "trace": [ { "table": "eligibility", "rule": "R97-01", "matched": false, "failed": "Har BPA efter § 96 true, Har BPA efter § 96 var nej", "ref": "servicelovens § 97, stk. 8", "reason": "bpa-section-96" } ],
          "decisions": [
            { "name": "age", "kind": "expression", "label": "Alder på afgørelsesdatoen", "value": 33 },
            { "name": "unexpiredSavedHours", "kind": "expression", "label": "Opsparede timer, som ikke er bortfaldet", "value": 15,
              "lists": [ { "expression": "sum(opsparing.timer hvor alderIMaaneder >= 1 and not bortfaldet)", "list": "opsparing", "listLabel": "Opsparede, ubrugte timer pr. måned",
                "items": [ { "index": 0, "counted": true, "why": "talt med: alderIMaaneder >= 1 og not bortfaldet holder (Timernes alder i måneder 2, Timerne er bortfaldet nej)",
                  "values": { "maaned": "2024-01-01", "timer": 15, "alderIMaaneder": 2, "bortfaldet": false } } ] } ] },
            { "name": "eligibility", "kind": "table", "label": "Ret til ledsagelse og timer pr. måned", "value": { "outcome": "bevilget", "hoursPerMonth": 15 } }
          ],
          "references": [ "servicelovens § 97, stk. 1; vejledningens pkt. 1" ],
          "begrundelse": "Du er bevilget 15 timers ledsagelse om måneden efter servicelovens § 97, stk. 1. ...",
          "receipt": { "versionSetHash": "sha256:...", "inputHash": "sha256:...", "engine": "serviceloven-engine/1.0.0; RulesEngine/6.0.1" }
        }
        """;

    public const string BatchRequest = """
        { "evaluations": [ { "ruleset": "sel-97", "decisionDate": "2024-03-01", "facts": { "birthDate": "1990-05-01" } } ] }
        """;
}
