using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Serviceloven.Admin.Auth;

namespace Serviceloven.Admin.Common;

/// <summary>Base of every admin page: the signed-in user, and one place to show what went wrong in Danish.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }
    [Inject] private Store.Users.UserRepository Users { get; set; } = default!;

    protected AdminUser Me { get; private set; } = new("", "", new HashSet<string>());
    protected string? Error { get; set; }
    protected string? Success { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null) Me = AdminUser.From((await AuthenticationState).User);
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs an action, turning refusals and invalid input into a message instead of a broken page.</summary>
    protected async Task Try(Func<Task> action, string? success = null)
    {
        Error = null;
        Success = null;
        try
        {
            RefreshUser();
            await action();
            Success = success ?? Success;
        }
        catch (Store.Refusals.RefusedException ex)
        {
            Error = ex.Message;
        }
    }

    /// <summary>
    /// A circuit lives long: before each action the account is read again, so a deactivation, a removed role or an ended
    /// session takes effect at once rather than at the next revalidation or page load.
    /// </summary>
    private void RefreshUser()
    {
        if (Me.Username.Length == 0) return;
        var row = Users.Find(Me.Username);
        if (row is not { Active: true }) throw new AdminForbiddenException("Din brugerkonto er deaktiveret eller slettet. Log ind igen.");
        if (Me.Session is not null && Me.Session != row.SecurityStamp)
            throw new AdminForbiddenException("Din session er afsluttet (logget ud, ny adgangskode eller ændrede roller). Log ind igen.");
        Me = Me with { Roles = row.RoleList.ToHashSet(StringComparer.Ordinal) };
    }

    protected Task Try(Action action, string? success = null) => Try(() => { action(); return Task.CompletedTask; }, success);
}
