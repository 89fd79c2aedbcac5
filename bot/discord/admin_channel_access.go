package discord

import "github.com/bwmarrin/discordgo"

// botCanAnswerIn reports whether the bot itself may view channelID and post
// there, as the gateway cache says: its roles, @everyone, the channel's
// overwrites (a thread's parent's, whose permissions a thread takes); in a
// forum, media channel or thread posting takes Send Messages in Threads.
// known is false when the cache cannot say: the channel, its guild's
// roles or the bot's member not cached (before GUILD_CREATE, or a
// process serving interactions over HTTP only). The resolved channel of
// an interaction cannot tell: its permissions are the member's.
func (b *Bot) botCanAnswerIn(channelID string) (ok, known bool) {
	uid := b.botUserID()
	if uid == "" {
		return false, false
	}
	for _, s := range b.sessions() {
		st := s.State
		if st == nil {
			continue
		}
		ch, err := st.Channel(channelID)
		if err != nil {
			continue
		}
		// The cache updates channels, roles and members in place under
		// its lock: read their fields under it (State's getters lock by
		// themselves, so they are called outside).
		st.RLock()
		guildID, parentID, kind := ch.GuildID, ch.ParentID, ch.Type
		thread := ch.IsThread()
		st.RUnlock()
		base := ch
		if thread {
			if base, err = st.Channel(parentID); err != nil {
				return false, false
			}
		}
		g, err := st.Guild(guildID)
		if err != nil {
			return false, false
		}
		m, err := st.Member(guildID, uid)
		if err != nil {
			return false, false
		}
		st.RLock()
		perms, known := channelPermissions(g, base, uid, m.Roles)
		st.RUnlock()
		if !known {
			return false, false
		}
		send := int64(discordgo.PermissionSendMessages)
		switch {
		case thread, kind == discordgo.ChannelTypeGuildForum, kind == discordgo.ChannelTypeGuildMedia:
			send = discordgo.PermissionSendMessagesInThreads
		}
		need := discordgo.PermissionViewChannel | send
		return perms&need == need, true
	}
	return false, false
}

// channelPermissions is what Discord computes for a member with roles in
// ch of g: the owner has all; @everyone's and the roles' permissions, all
// of them with Administrator; then ch's overwrites: @everyone's, the
// roles' (their denials, then their grants), the member's own. known is
// false when g's roles are not cached (no @everyone role): nothing can
// be said then. The caller holds the cache's read lock.
func channelPermissions(g *discordgo.Guild, ch *discordgo.Channel, userID string, roles []string) (perms int64, known bool) {
	if userID == g.OwnerID {
		return discordgo.PermissionAll, true
	}
	has := make(map[string]bool, len(roles))
	for _, r := range roles {
		has[r] = true
	}
	for _, r := range g.Roles {
		if r.ID == g.ID {
			known = true
			perms |= r.Permissions
		} else if has[r.ID] {
			perms |= r.Permissions
		}
	}
	if !known {
		return 0, false
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll, true
	}
	for _, o := range ch.PermissionOverwrites {
		if o.Type == discordgo.PermissionOverwriteTypeRole && o.ID == g.ID {
			perms = perms&^o.Deny | o.Allow
		}
	}
	var deny, allow int64
	for _, o := range ch.PermissionOverwrites {
		if o.Type == discordgo.PermissionOverwriteTypeRole && o.ID != g.ID && has[o.ID] {
			deny |= o.Deny
			allow |= o.Allow
		}
	}
	perms = perms&^deny | allow
	for _, o := range ch.PermissionOverwrites {
		if o.Type == discordgo.PermissionOverwriteTypeMember && o.ID == userID {
			perms = perms&^o.Deny | o.Allow
		}
	}
	return perms, true
}
