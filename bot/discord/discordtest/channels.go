package discordtest

import (
	"encoding/json"

	"github.com/bwmarrin/discordgo"
)

// channelState is a channel and its messages, oldest first.
type channelState struct {
	ch   *discordgo.Channel
	msgs []string
}

// ensureChannelLocked returns the channel, creating it when the fake has not
// seen it yet: a text channel in guildID, or a DM with who when guildID is
// empty. Channels come into being as tests mention them, so that a test need
// not declare every channel it dispatches into.
func (s *Server) ensureChannelLocked(id, guildID string, who *discordgo.User) *channelState {
	if cs, ok := s.channels[id]; ok {
		return cs
	}
	ch := &discordgo.Channel{ID: id, GuildID: guildID, Type: discordgo.ChannelTypeGuildText, Name: "channel-" + id}
	if guildID == "" {
		ch.Type, ch.Name = discordgo.ChannelTypeDM, ""
		if who != nil {
			ch.Recipients = []*discordgo.User{who}
			s.dms[who.ID] = id
		}
	}
	cs := &channelState{ch: ch}
	s.channels[id] = cs
	return cs
}

// AddChannel adds or replaces a channel (a thread, a forum, a DM), keeping
// its messages. An empty ID gets a fresh one; the stored channel is returned.
func (s *Server) AddChannel(ch *discordgo.Channel) *discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := copyChannel(ch)
	if c.ID == "" {
		c.ID = s.newID()
	}
	if cs, ok := s.channels[c.ID]; ok {
		cs.ch = c
	} else {
		s.channels[c.ID] = &channelState{ch: c}
	}
	if c.Type == discordgo.ChannelTypeDM && len(c.Recipients) == 1 {
		s.dms[c.Recipients[0].ID] = c.ID
	}
	s.notifyLocked()
	return copyChannel(c)
}

// Channel returns the current state of a channel, or nil.
func (s *Server) Channel(id string) *discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cs, ok := s.channels[id]; ok {
		return copyChannel(cs.ch)
	}
	return nil
}

func copyChannel(c *discordgo.Channel) *discordgo.Channel {
	b, err := json.Marshal(c)
	if err != nil {
		panic("discordtest: marshal channel: " + err.Error())
	}
	var out discordgo.Channel
	if err := json.Unmarshal(b, &out); err != nil {
		panic("discordtest: unmarshal channel: " + err.Error())
	}
	return &out
}
