namespace Serviceloven.Admin.Hosting;

/// <summary>Bound from "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public InitialAdminOptions InitialAdmin { get; set; } = new();

    public SignInOptions SignIn { get; set; } = new();

    /// <summary>How often an open admin page (Blazor circuit) checks that its session has not ended, in seconds.</summary>
    public int SessionRevalidationSeconds { get; set; } = 30;
}

public sealed class InitialAdminOptions
{
    public string Username { get; set; } = "admin";
    /// <summary>When empty, a password is generated and printed once at first start.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// Bound from "Admin:SignIn". Attempts are rate limited per client address and per user name, an address or name that
/// keeps failing is slowed down more and more, and an account that keeps failing from one address is locked for that
/// address only: the owner elsewhere is never locked out.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Sign-in posts per minute from one client address (an IPv6 /64 counts as one); more get 429.</summary>
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>
    /// Sign-in posts per minute for one user name from all addresses; more get 429. Keep it well above
    /// PerAddressPerMinute, so one attacking address can never use up the owner's budget.
    /// </summary>
    public int PerUserNamePerMinute { get; set; } = 30;

    /// <summary>Failures an address or a user name may have within <see cref="WindowMinutes"/> before it is slowed.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>How long failures are remembered after the last one.</summary>
    public int WindowMinutes { get; set; } = 15;

    /// <summary>After the free failures an address must wait this long after its last failure, doubling per failure ...</summary>
    public int FirstAddressWaitSeconds { get; set; } = 2;

    /// <summary>... up to this; an attempt before then gets 429 without its password being checked.</summary>
    public int MaxAddressWaitSeconds { get; set; } = 300;

    /// <summary>After the free failures every answer for the user name is delayed this long, doubling per failure ...</summary>
    public int FirstNameDelayMilliseconds { get; set; } = 250;

    /// <summary>... up to this: the owner, at another address, is slowed at most this much and never refused.</summary>
    public int MaxNameDelayMilliseconds { get; set; } = 3000;

    /// <summary>
    /// Wrong passwords for one account from one client address (an IPv6 /64 counts as one) within
    /// <see cref="LockoutWindowMinutes"/> that lock the account for that address ...
    /// </summary>
    public int LockoutFailures { get; set; } = 5;

    public int LockoutWindowMinutes { get; set; } = 15;

    /// <summary>... for this long: even the right password is refused from there. Other addresses are not affected.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins are kept this long (table failed_signins), then deleted.</summary>
    public int FailedSignInRetentionDays { get; set; } = 30;
}
