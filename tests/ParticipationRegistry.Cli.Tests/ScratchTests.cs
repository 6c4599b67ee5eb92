namespace ParticipationRegistry.Cli.Tests;

public sealed class ScratchTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task Dump()
    {
        var seed = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");
        await registry.CreateMeetingAsync("igf-2012");
        var text = new System.Text.StringBuilder();
        void Add(CliResult r) => text.AppendLine(r.ToString()).AppendLine("=========");
        Add(await registry.RunAsync("import", "programme", seed, "--meeting", "igf-2012"));
        Add(await registry.RunAsync("check", "igf-2012/ws-85", "--confirmed-only"));
        Add(await registry.RunAsync("check", "igf-2012/ws-85", "--policy", "igf-2023-minimum"));
        var file = Path.Combine(registry.Folder, "p.csv");
        File.WriteAllText(file, """
            session_id,title,kind,person,group,country,role,confirmation,gender
            ws-2,Balanced panel,WORKSHOP,Anna Kowalska,GOVERNMENT,PL,SPEAKER,CONFIRMED,
            ws-2,Balanced panel,WORKSHOP,Kwame Boateng,CIVIL_SOCIETY,GH,SPEAKER,CONFIRMED,
            """);
        Add(await registry.RunAsync("import", "programme", file, "--meeting", "igf-2012"));
        Add(await registry.RunAsync("check", "igf-2012/ws-2"));
        var people = Path.Combine(registry.Folder, "people.csv");
        File.WriteAllText(people, """
            name,group,country,gender,affiliation
            Nnenna Nwakanma,CIVIL_SOCIETY,CI,WOMAN,Web Foundation
            Raúl Echeberría,TECHNICAL_COMMUNITY,UY,MAN,LACNIC
            Mervi Kultama,GOVERNMENT,FI,WOMAN,Ministry for Foreign Affairs of Finland
            """);
        Add(await registry.RunAsync("import", "stakeholders", people, "--on-duplicate", "skip"));
        Add(await registry.RunAsync("import", "stakeholders", people, "--on-duplicate", "merge"));
        Add(await registry.RunAsync("suggest", "igf-2012/ws-85"));
        File.WriteAllText("/tmp/cli_dump.txt", text.ToString());
    }
}
