using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Import;

/// <summary>How a row's person is matched to someone already registered (or earlier in the file).</summary>
public enum MatchMode
{
    /// <summary>By email (ignoring case) when the row has one, else by exact name and country.</summary>
    EmailThenName,

    /// <summary>By email only: a row without email always makes a new person.</summary>
    Email,

    /// <summary>By exact name and country only (the email is stored, not compared).</summary>
    Name,
}

/// <summary>
/// Everyone registered (read once, in the full view so emails can be compared) plus the people the file
/// adds, looked up by the match rule. A match is a stakeholder name, or a pending person's number.
/// </summary>
public sealed class PeopleIndex(MatchMode mode)
{
    private readonly Dictionary<string, PersonRef> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Name, string Country), PersonRef> _byName = [];

    /// <summary>The people to create, in file order.</summary>
    public List<(Stakeholder Person, int Line)> Pending { get; } = [];

    public int Registered { get; private set; }

    /// <summary>Everyone registered, by stakeholder name (to name a duplicate candidate).</summary>
    public Dictionary<string, Stakeholder> Known { get; } = new(StringComparer.Ordinal);

    public static MatchMode ParseMode(string text) => text switch
    {
        "email-then-name" => MatchMode.EmailThenName,
        "email" => MatchMode.Email,
        "name" => MatchMode.Name,
        _ => throw new Cli.UsageException($"--match must be email-then-name, email or name, not '{text}'."),
    };

    public async Task LoadAsync(RegistryClient client, CancellationToken cancellation)
    {
        foreach (var person in await ListAllAsync(client, cancellation))
        {
            Add(person, new PersonRef(person.Name, -1));
            Known[person.Name] = person;
            Registered++;
        }
    }

    /// <summary>
    /// Everyone, oldest first, in the full view (with emails); in the basic view when the key may not read
    /// personal data, so matching then goes by name and country alone.
    /// </summary>
    public static async Task<List<Stakeholder>> ListAllAsync(RegistryClient client, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await List(StakeholderView.Full);
        }
        catch (RegistryCallException e) when (e.StatusCode == Grpc.Core.StatusCode.PermissionDenied)
        {
            return await List(StakeholderView.Basic);
        }

        async Task<List<Stakeholder>> List(StakeholderView view)
        {
            var people = new List<Stakeholder>();
            await foreach (var person in Pages.All(
                new ListStakeholdersRequest { PageSize = 1000, View = view, OrderBy = "create_time" },
                client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders, cancellation))
            {
                people.Add(person);
            }

            return people;
        }
    }

    /// <summary>The person already known for <paramref name="wanted"/>, or null.</summary>
    public PersonRef? Find(Stakeholder wanted)
    {
        if (mode != MatchMode.Name && wanted.Email.Length > 0 && _byEmail.TryGetValue(wanted.Email, out var byEmail))
        {
            return byEmail;
        }

        return mode != MatchMode.Email && _byName.TryGetValue((wanted.DisplayName, wanted.CountryCode), out var byName) ? byName : null;
    }

    /// <summary>The known person, or a new pending one (the first row that names them).</summary>
    public PersonRef FindOrAdd(Stakeholder wanted, int line)
    {
        if (Find(wanted) is { } found)
        {
            return found;
        }

        var pending = new PersonRef("", Pending.Count);
        Pending.Add((wanted, line));
        Add(wanted, pending);
        return pending;
    }

    private void Add(Stakeholder person, PersonRef reference)
    {
        if (person.Email.Length > 0)
        {
            _byEmail.TryAdd(person.Email, reference);
        }

        _byName.TryAdd((person.DisplayName, person.CountryCode), reference);
    }
}

/// <summary>A registered stakeholder (its name), or the <see cref="PeopleIndex.Pending"/> entry <see cref="Pending"/>.</summary>
public sealed record PersonRef(string Name, int Pending)
{
    public bool IsNew => Pending >= 0;
}
