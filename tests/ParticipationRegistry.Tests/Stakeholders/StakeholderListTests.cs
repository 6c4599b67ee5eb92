using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>ListStakeholders: page sizes, page walks, page tokens, order_by.</summary>
public sealed class StakeholderListTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    /// <summary>30 names, each held by two people, so ties on display_name must be broken by id.</summary>
    private static Stakeholder Twin(int i) => Person($"Person {i / 2:D2}", i % 3 == 0 ? "FI" : "KE");

    private static IEnumerable<Stakeholder> InDisplayNameOrder(IEnumerable<Stakeholder> stakeholders) =>
        stakeholders.OrderBy(s => s.DisplayName, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal);

    [Fact]
    public async Task Empty_list_has_no_items_and_no_token()
    {
        await using var registry = await TestRegistry.StartAsync();

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());

        Assert.Empty(page.Stakeholders);
        Assert.Equal("", page.NextPageToken);
    }

    [Fact]
    public async Task Page_size_zero_means_fifty()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateManyAsync(120, i => Person($"Person {i:D3}"));

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 0 });

        Assert.Equal(50, page.Stakeholders.Count);
        Assert.NotEqual("", page.NextPageToken);
    }

    [Fact]
    public async Task Page_size_above_one_thousand_is_coerced_to_one_thousand()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateManyAsync(1001, i => Person($"Person {i:D4}"));

        var first = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 5000 });
        var second = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 5000, PageToken = first.NextPageToken });

        Assert.Equal(1000, first.Stakeholders.Count);
        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal("Person 1000", Assert.Single(second.Stakeholders).DisplayName);
        Assert.Equal("", second.NextPageToken);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task Negative_page_size_is_invalid(int pageSize)
    {
        await RpcAssert.InvalidFieldAsync("page_size",
            () => shared.Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = pageSize }).ResponseAsync);
    }

    [Fact]
    public async Task Next_page_token_is_empty_only_on_the_last_page()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateManyAsync(10, i => Person($"Person {i}"));

        var first = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 5 });
        var second = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 5, PageToken = first.NextPageToken });

        Assert.Equal(5, first.Stakeholders.Count);
        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal(5, second.Stakeholders.Count);
        Assert.Equal("", second.NextPageToken);
    }

    [Fact]
    public async Task Walking_all_pages_returns_every_stakeholder_once_in_display_name_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(60, Twin);

        var listed = await registry.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 7 });

        Assert.Equal(InDisplayNameOrder(created).Select(s => s.Name), listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Walking_all_pages_in_descending_display_name_order_returns_every_stakeholder_once()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(60, Twin);

        var listed = await registry.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 7, OrderBy = "display_name desc" });

        Assert.Equal(InDisplayNameOrder(created).Reverse().Select(s => s.Name), listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Walking_all_pages_by_create_time_desc_returns_every_stakeholder_once_newest_first()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = new List<Stakeholder>(await registry.Stakeholders.CreateManyAsync(40, Twin));
        created.Add(await registry.Stakeholders.CreateAsync("Latest"));

        var listed = await registry.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 6, OrderBy = "create_time desc" });

        var expected = created
            .OrderByDescending(s => s.CreateTime.ToDateTimeOffset())
            .ThenByDescending(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name);
        Assert.Equal(expected, listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Walking_all_pages_by_update_time_returns_every_stakeholder_once_in_update_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(12, Twin);
        var touched = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created[0].Name, Affiliation = "Touched" },
        });
        var current = created.Skip(1).Append(touched);

        var listed = await registry.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 5, OrderBy = "update_time" });

        var expected = current
            .OrderBy(s => s.UpdateTime.ToDateTimeOffset())
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name);
        Assert.Equal(expected, listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Page_walk_continues_after_the_last_item_seen_when_earlier_items_are_deleted_or_added()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = InDisplayNameOrder(await registry.Stakeholders.CreateManyAsync(10, i => Person($"Person {i}"))).ToList();
        var first = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 4 });
        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created[0].Name });
        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created[1].Name });
        await registry.Stakeholders.CreateAsync("Aaron, added while paging");

        var second = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 4, PageToken = first.NextPageToken });

        Assert.Equal(created.Take(4).Select(s => s.Name), first.Stakeholders.Select(s => s.Name));
        Assert.Equal(created.Skip(4).Take(4).Select(s => s.Name), second.Stakeholders.Select(s => s.Name));
    }

    [Fact]
    public async Task Page_size_may_change_between_pages()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(9, i => Person($"Person {i}"));

        var first = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 2 });
        var rest = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100, PageToken = first.NextPageToken });

        Assert.Equal(InDisplayNameOrder(created).Select(s => s.Name), first.Stakeholders.Concat(rest.Stakeholders).Select(s => s.Name));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("!!!!")]
    [InlineData("ZGlzcGxheV9uYW1lPVBlcnNvbiAwMQ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Page_token_not_issued_by_the_registry_is_invalid(string token)
    {
        await RpcAssert.InvalidFieldAsync("page_token", () => shared.Registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, PageToken = token }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Page_token_with_a_changed_character_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateManyAsync(3, i => Person($"Person {i}"));
        var token = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1 })).NextPageToken;
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, PageToken = tampered }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Page_token_from_another_registry_is_invalid()
    {
        await using var issuer = await TestRegistry.StartAsync();
        await using var other = await TestRegistry.StartAsync();
        await issuer.Stakeholders.CreateManyAsync(3, i => Person($"Person {i}"));
        await other.Stakeholders.CreateManyAsync(3, i => Person($"Person {i}"));
        var token = (await issuer.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1 })).NextPageToken;

        await RpcAssert.InvalidFieldAsync("page_token", () => other.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, PageToken = token }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("country_code = \"KE\"", "")]
    [InlineData("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT", "")]
    [InlineData("country_code = \"FI\"", "display_name desc")]
    [InlineData("country_code = \"FI\"", "create_time")]
    [InlineData("country_code = \"FI\"", "update_time desc")]
    public async Task Page_token_reused_with_another_filter_or_order_is_invalid(string filter, string orderBy)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateManyAsync(6, i => new Stakeholder
        {
            DisplayName = $"Person {i}",
            CountryCode = i % 2 == 0 ? "FI" : "KE",
            StakeholderGroup = StakeholderGroup.Government,
        });
        var token = (await registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, Filter = "country_code = \"FI\"" })).NextPageToken;

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, PageToken = token, Filter = filter, OrderBy = orderBy }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Page_token_of_the_organization_list_is_invalid_for_stakeholders()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateOrganizationAsync("A");
        await registry.Stakeholders.CreateOrganizationAsync("B");
        await registry.Stakeholders.CreateManyAsync(3, i => Person($"Person {i}"));
        var token = (await registry.Stakeholders.ListOrganizationsAsync(new ListOrganizationsRequest { PageSize = 1 })).NextPageToken;

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { PageSize = 1, PageToken = token }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Page_token_with_the_same_filter_and_order_continues_the_walk()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(30, Twin);

        var listed = await registry.Stakeholders.ListAllAsync(
            new ListStakeholdersRequest { PageSize = 4, Filter = "country_code = \"FI\"", OrderBy = "display_name desc" });

        Assert.Equal(
            InDisplayNameOrder(created.Where(s => s.CountryCode == "FI")).Reverse().Select(s => s.Name),
            listed.Select(s => s.Name));
    }

    [Fact]
    public async Task Page_token_still_works_after_a_restart()
    {
        await using var first = await TestRegistry.StartAsync();
        var created = await first.Stakeholders.CreateManyAsync(10, i => Person($"Person {i}"));
        var page = await first.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 4 });

        await using var second = await first.RestartAsync();
        var rest = await second.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 4, PageToken = page.NextPageToken });

        Assert.Equal(InDisplayNameOrder(created).Skip(4).Select(s => s.Name), rest.Select(s => s.Name));
    }

    [Fact]
    public async Task Page_token_is_opaque()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateManyAsync(3, i => Person($"Visible Name {i}"));
        var token = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1 })).NextPageToken;
        var lastOnPage = created.Single(s => s.DisplayName == "Visible Name 0");
        var id = IdOf(lastOnPage.Name, "stakeholders");

        var decoded = WebEncoders.Base64UrlDecode(token);

        foreach (var text in new[] { Encoding.UTF8.GetString(decoded), Encoding.Latin1.GetString(decoded), Encoding.Unicode.GetString(decoded), token })
        {
            Assert.DoesNotContain("Visible", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id[..8], text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("email")]
    [InlineData("gender")]
    [InlineData("country_code")]
    [InlineData("display_name sideways")]
    [InlineData("display_name desc, create_time")]
    [InlineData("desc")]
    [InlineData("display_name desc extra")]
    public async Task Order_by_an_unsupported_field_or_direction_is_invalid(string orderBy)
    {
        await RpcAssert.InvalidFieldAsync("order_by",
            () => shared.Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { OrderBy = orderBy }).ResponseAsync);
    }
}
