package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The fake knows a guild's members from AddMember and from the members and
// authors of the interactions and messages it dispatches (the last one
// seen wins, as a member's nick can change); GET
// /guilds/{guild}/members/{user} returns them.

// AddMember adds or replaces a member of guildID (its User is required).
func (s *Server) AddMember(guildID string, m *discordgo.Member) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rememberMemberLocked(guildID, m, nil)
	s.notifyLocked()
}

// rememberMemberLocked records m (or a bare member for author) in guildID.
func (s *Server) rememberMemberLocked(guildID string, m *discordgo.Member, author *discordgo.User) {
	if guildID == "" {
		return
	}
	var c discordgo.Member
	if m != nil {
		b, _ := json.Marshal(m)
		json.Unmarshal(b, &c)
	}
	if c.User == nil {
		if author == nil {
			return
		}
		u := *author
		c.User = &u
	}
	if c.JoinedAt.IsZero() {
		c.JoinedAt = time.Now().UTC()
	}
	if c.Roles == nil {
		c.Roles = []string{}
	}
	if s.members[guildID] == nil {
		s.members[guildID] = map[string]*discordgo.Member{}
	}
	s.members[guildID][c.User.ID] = &c
}

// getMember handles GET /guilds/{guild}/members/{user}: the member object
// as Discord returns it, without the interaction-only fields (permissions)
// and without guild_id.
func (s *Server) getMember(c *call) *Response {
	g := c.r.PathValue("guild")
	if !slices.Contains(s.cfg.guilds, g) {
		return errMissingAccess()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.members[g][c.r.PathValue("user")]
	if !ok {
		return errorResponse(http.StatusNotFound, 10007, "Unknown Member")
	}
	b, _ := json.Marshal(m)
	var raw map[string]any
	json.Unmarshal(b, &raw)
	delete(raw, "permissions")
	delete(raw, "guild_id")
	return JSONResponse(http.StatusOK, raw)
}
