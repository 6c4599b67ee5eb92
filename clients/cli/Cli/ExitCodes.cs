namespace ParticipationRegistry.Cli.Cli;

/// <summary>The exit codes of every command, so that a script can branch on them.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>check</c>: the panel is balanced (or the policy does not apply to it).</summary>
    public const int Ok = 0;

    /// <summary><c>check</c>: the panel is unbalanced.</summary>
    public const int Unbalanced = 1;

    /// <summary>Any error: bad arguments, an unreadable file, the server unreachable, a refused key, a failed call;
    /// for imports also: some rows were bad (the good ones were imported, the bad ones named).</summary>
    public const int Error = 2;

    /// <summary><c>check</c>: the verdict is indeterminate (too little is known about the panel).</summary>
    public const int Indeterminate = 3;
}
