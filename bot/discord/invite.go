package discord

import (
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// permissionPinMessages is Discord's Pin Messages permission. Discord split
// it from Manage Messages in February 2026; discordgo v0.29.0 has no
// constant for it.
const permissionPinMessages = 1 << 51

// InvitePermissions are the channel permissions the invite link asks for:
// exactly what the bot's REST calls need (invite_test.go ties each bit to
// the calls that need it). Interaction responses and follow-ups need none:
// they go through the interaction's webhook. Not in it: Manage Messages
// (pinning has its own bit now, and the bot edits only its own messages)
// and Embed Links (channel messages carry no embeds and suppress link
// previews; the embeds of /admin stats are interaction responses).
const InvitePermissions int64 = discordgo.PermissionViewChannel | // see the channels it answers in; GET /channels/{id} for a thread's parent
	discordgo.PermissionSendMessages | // answers and notices in channels, quizzes
	discordgo.PermissionSendMessagesInThreads | // answers in the threads it opens, the live-session panel and queue
	discordgo.PermissionCreatePublicThreads | // a thread per mention; the live-session thread
	discordgo.PermissionReadMessageHistory | // replies to a question (message_reference); listing a closed quiz's messages
	discordgo.PermissionAttachFiles | // the live-session transcript
	discordgo.PermissionManageThreads | // locking the live-session thread when it ends
	permissionPinMessages // pinning the live-session panel

// InviteURL is the link that adds the application to a server with the
// slash commands and InvitePermissions.
func InviteURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(InvitePermissions, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// InviteURL is the invite link for this bot's application; empty until
// the bot has connected once (the id comes with READY).
func (b *Bot) InviteURL() string {
	id := b.applicationID()
	if id == "" {
		return ""
	}
	return InviteURL(id)
}
