using Encourage.Web.Pages;

namespace Encourage.Core.Tests.Web;

public sealed class ChannelNewsTests
{
    [Theory]
    [InlineData(Channels.Email, Channels.Sms, "Emails have stopped. Your texts carry on.")]
    [InlineData(Channels.Sms, Channels.Email, "Texts have stopped. Your emails carry on.")]
    [InlineData(Channels.Sms, Channels.None, "Your texts have stopped.")]
    [InlineData(Channels.Email, Channels.None, "Your emails have stopped.")]
    [InlineData(Channels.Both, Channels.None, "Your texts and emails have stopped.")]
    public void Says_exactly_which_channel_stopped_and_which_goes_on(Channels stopped, Channels goingOn, string expected) =>
        Assert.Equal(expected, ChannelNews.Stopped(stopped, goingOn));

    [Theory]
    [InlineData(Channels.Email, Channels.Both, "Your texts will carry on.")]
    [InlineData(Channels.Sms, Channels.Both, "Your emails will carry on.")]
    [InlineData(Channels.Sms, Channels.Sms, null)]
    [InlineData(Channels.Both, Channels.Both, null)]
    public void Before_a_stop_says_what_will_carry_on(Channels stopping, Channels live, string? expected) =>
        Assert.Equal(expected, ChannelNews.WillGoOn(stopping, live));

    [Fact]
    public void The_heading_only_says_messages_stopped_when_nothing_goes_on()
    {
        Assert.Equal("Emails have stopped", ChannelNews.StoppedHeading(Channels.Email, Channels.Sms));
        Assert.Equal("Your messages have stopped", ChannelNews.StoppedHeading(Channels.Email, Channels.None));
    }
}
