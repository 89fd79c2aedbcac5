package discordtest

import (
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// threadBody is the body of both thread routes.
type threadBody struct {
	Name                string                `json:"name"`
	AutoArchiveDuration int                   `json:"auto_archive_duration"`
	Type                discordgo.ChannelType `json:"type"`
	Invitable           bool                  `json:"invitable"`
	RateLimitPerUser    int                   `json:"rate_limit_per_user"`
}

func (b threadBody) validate() *Response {
	if n := runes(b.Name); n < 1 || n > 100 {
		return invalidForm([]fieldError{{path: []string{"name"}, code: "BASE_TYPE_BAD_LENGTH", msg: "Must be between 1 and 100 in length."}})
	}
	return nil
}

// newThreadLocked makes a thread channel in parent.
func (s *Server) newThreadLocked(id string, parent *discordgo.Channel, b threadBody) *discordgo.Channel {
	if b.AutoArchiveDuration == 0 {
		b.AutoArchiveDuration = 1440
	}
	th := &discordgo.Channel{
		ID: id, GuildID: parent.GuildID, ParentID: parent.ID, Name: b.Name, Type: b.Type,
		OwnerID: s.cfg.botID, RateLimitPerUser: b.RateLimitPerUser,
		ThreadMetadata: &discordgo.ThreadMetadata{
			AutoArchiveDuration: b.AutoArchiveDuration, ArchiveTimestamp: time.Now().UTC(), Invitable: b.Invitable,
		},
	}
	s.channels[id] = &channelState{ch: th}
	return th
}

// startThreadFromMessage handles POST /channels/{cid}/messages/{mid}/threads.
// As on Discord, the thread's id is the message's id, and a message can
// start one thread only.
func (s *Server) startThreadFromMessage(c *call) *Response {
	var body threadBody
	if err := c.req.Decode(&body); err != nil {
		return invalidJSON()
	}
	if resp := body.validate(); resp != nil {
		return resp
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, m, resp := s.messageLocked(c)
	if resp != nil {
		return resp
	}
	if _, exists := s.channels[m.ID]; exists || m.Thread != nil {
		return errorResponse(http.StatusBadRequest, 160004, "A thread has already been created for this message")
	}
	if cs.ch.IsThread() || cs.ch.Type == discordgo.ChannelTypeDM {
		return errorResponse(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
	}
	body.Type = discordgo.ChannelTypeGuildPublicThread
	if cs.ch.Type == discordgo.ChannelTypeGuildNews {
		body.Type = discordgo.ChannelTypeGuildNewsThread
	}
	th := s.newThreadLocked(m.ID, cs.ch, body)
	m.Thread = copyChannel(th)
	m.Flags |= discordgo.MessageFlagsHasThread
	s.notifyLocked()
	return JSONResponse(http.StatusCreated, th)
}

// startThread handles POST /channels/{cid}/threads (a thread without a
// starter message; private unless the body says otherwise, as in API v9).
func (s *Server) startThread(c *call) *Response {
	var body threadBody
	if err := c.req.Decode(&body); err != nil {
		return invalidJSON()
	}
	if resp := body.validate(); resp != nil {
		return resp
	}
	if body.Type == 0 {
		body.Type = discordgo.ChannelTypeGuildPrivateThread
	}
	switch body.Type {
	case discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread, discordgo.ChannelTypeGuildNewsThread:
	default:
		return invalidForm([]fieldError{{path: []string{"type"}, code: "BASE_TYPE_CHOICES", msg: "Value must be one of {10, 11, 12}."}})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return resp
	}
	if cs.ch.IsThread() || cs.ch.Type == discordgo.ChannelTypeDM {
		return errorResponse(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
	}
	th := s.newThreadLocked(s.newID(), cs.ch, body)
	s.notifyLocked()
	return JSONResponse(http.StatusCreated, th)
}
