using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Serviceloven.Admin.Auth;

namespace Serviceloven.Admin.Common;

/// <summary>Base of every admin page: the signed-in user, and one place to show what went wrong in Danish.</summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

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
            await action();
            Success = success ?? Success;
        }
        catch (Exception ex) when (ex is AdminForbiddenException or ArgumentException or InvalidOperationException or KeyNotFoundException
                                   or Store.Versions.ConcurrencyConflictException or FormatException)
        {
            Error = ex.Message;
        }
    }

    protected Task Try(Action action, string? success = null) => Try(() => { action(); return Task.CompletedTask; }, success);
}
