using Encourage.Web.Pages;
using static Encourage.Core.Tests.Web.PageMarkup;

namespace Encourage.Core.Tests.Web;

public sealed class ManagePageTests
{
    [Fact]
    public async Task Every_choice_is_a_post_form_with_the_token()
    {
        var html = await TestPages.Renderer.ManageAsync(TestPages.Manage());

        var forms = Tags(html, "form").ToList();
        Assert.Equal(4, forms.Count); // pause, time, a copy of your data (issue 20), stop
        Assert.All(forms, f => Assert.Equal("post", Attr(f, "method")));
        Assert.All(forms, f => Assert.Equal("/api/manage", Attr(f, "action")));
        Assert.Equal(4, Tags(html, "input").Count(t => Attr(t, "name") == "token" && Attr(t, "value") == "tok.en"));
        Assert.Equal(["pause", "time", "data", "stop"], Tags(html, "input").Where(t => Attr(t, "name") == "do").Select(t => Attr(t, "value")!));
        Assert.Equal(Enumerable.Range(1, 30).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Tags(Between(html, "<select id=\"days\"", "</select>"), "option").Select(o => Attr(o, "value")!));
        Assert.Equal(["sms", "email", "all"], Tags(html, "input").Where(t => Attr(t, "name") == "stop").Select(t => Attr(t, "value")!));
        Assert.Contains("You get texts and emails each day at 09:00 (America/New York time).", VisibleText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_channel_subscriber_is_told_what_stops_without_a_choice()
    {
        var html = await TestPages.Renderer.ManageAsync(TestPages.Manage(TestPages.Subscriber("sms")));

        var stop = Assert.Single(Tags(html, "input"), t => Attr(t, "name") == "stop");
        Assert.Equal("hidden", Attr(stop, "type"));
        Assert.Equal("all", Attr(stop, "value"));
        Assert.Contains("We'll stop your texts.", VisibleText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_subscriber_can_start_again_and_sees_until_when()
    {
        var html = await TestPages.Renderer.ManageAsync(TestPages.Manage(TestPages.Subscriber(status: SubscriberStatus.Paused)));

        Assert.Contains("are paused until Monday 7 December", VisibleText(html), StringComparison.Ordinal);
        Assert.Contains(Tags(html, "input"), t => Attr(t, "name") == "do" && Attr(t, "value") == "resume");
    }

    [Fact]
    public async Task A_stopped_subscriber_gets_no_forms()
    {
        var html = await TestPages.Renderer.ManageAsync(TestPages.Manage(TestPages.Subscriber(status: SubscriberStatus.Unsubscribed)));

        Assert.Empty(Tags(html, "form"));
        Assert.Contains("already stopped", VisibleText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_is_shown_by_its_field_and_in_the_summary()
    {
        var html = await TestPages.Renderer.ManageAsync(TestPages.Manage(errors: new FormErrors(new Dictionary<string, string> { ["days"] = "Please choose from 1 to 30 days." })));

        Assert.Equal("true", Attr(TagWithId(html, "days"), "aria-invalid"));
        Assert.Contains("days-error", Attr(TagWithId(html, "days"), "aria-describedby")!.Split(' '));
        Assert.Contains("Please choose from 1 to 30 days.", Between(html, "role=\"alert\"", "</div>"), StringComparison.Ordinal);
    }
}
