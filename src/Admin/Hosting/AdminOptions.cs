namespace Serviceloven.Admin.Hosting;

/// <summary>Bound from "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>Failed sign-ins before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How often an open admin page (Blazor circuit) checks that its session has not ended, in seconds.</summary>
    public int SessionRevalidationSeconds { get; set; } = 30;
}

public sealed class InitialAdminOptions
{
    public string Username { get; set; } = "admin";
    /// <summary>When empty, a password is generated and printed once at first start.</summary>
    public string? Password { get; set; }
}
