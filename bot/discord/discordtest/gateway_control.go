package discordtest

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Dispatch sends an event (op 0, t=event, d=data) to every identified
// session whose shard owns the event's guild (its guild_id; none: shard
// 0), and returns how many it reached. A session that lost its connection
// keeps the event and gets it when it resumes, as on Discord.
func (s *Server) Dispatch(event string, data any) int {
	guild := guildOf(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, sess := range s.sessions {
		if sess.invalid || !sess.owns(guild) {
			continue
		}
		if s.sendLocked(sess, event, data) {
			n++
		}
	}
	return n
}

// guildOf reads an event's guild_id.
func guildOf(data any) string {
	raw, err := json.Marshal(data)
	if err != nil {
		return ""
	}
	var g struct {
		GuildID string `json:"guild_id"`
	}
	json.Unmarshal(raw, &g)
	return g.GuildID
}

// DispatchMessage stores m and sends MESSAGE_CREATE, returning the message
// as sent. Empty fields are filled: ID, Timestamp, Author (DefaultUserID),
// ChannelID (the guild's general channel, or a DM with the author when
// GuildID is empty).
func (s *Server) DispatchMessage(in *discordgo.Message) *discordgo.Message {
	s.mu.Lock()
	m := copyMessage(in)
	if m.ID == "" {
		m.ID = s.newID()
	}
	if m.Timestamp.IsZero() {
		m.Timestamp = time.Now().UTC()
	}
	if m.Author == nil {
		m.Author = defaultUser()
	}
	m.ChannelID = s.defaultChannelLocked(m.ChannelID, m.GuildID, m.Author)
	if m.GuildID != "" && m.Member == nil {
		m.Member = &discordgo.Member{JoinedAt: time.Now().UTC(), Roles: []string{}}
	}
	if m.Author != nil && !m.Author.Bot && m.WebhookID == "" {
		s.rememberMemberLocked(m.GuildID, m.Member, m.Author)
	}
	s.storeMessageLocked(m)
	s.notifyLocked()
	// Snapshot under the lock: REST handlers (a thread started from this
	// message) change the stored message concurrently.
	snap := copyMessage(m)
	s.mu.Unlock()
	s.Dispatch("MESSAGE_CREATE", toWire(snap))
	return copyMessage(snap)
}

// Gateway returns the gateway counters.
func (s *Server) Gateway() GatewayStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.statsLocked()
}

func (s *Server) statsLocked() GatewayStats {
	st := s.stats
	st.Query = url.Values{}
	for k, v := range s.stats.Query {
		st.Query[k] = append([]string(nil), v...)
	}
	return st
}

// WaitGateway blocks until cond holds for the gateway counters, or ctx ends.
func (s *Server) WaitGateway(ctx context.Context, cond func(GatewayStats) bool) (GatewayStats, error) {
	var st GatewayStats
	err := s.waitFor(ctx, func() bool {
		st = s.statsLocked()
		return cond(st)
	})
	return st, err
}

// WaitReady blocks until a session is identified (or resumed) on an open
// connection, or ctx ends.
func (s *Server) WaitReady(ctx context.Context) error {
	_, err := s.WaitGateway(ctx, func(g GatewayStats) bool { return g.Live > 0 })
	return err
}

// Presence is a presence update (op 3) as Discord reads it from a bot:
// the status and each activity's name, type and state. (discordgo's own
// Activity cannot decode what discordgo sends: it writes created_at as a
// time and reads it as a number.)
type Presence struct {
	// Shard is the shard id of the session that sent it (0 without
	// sharding).
	Shard      int    `json:"-"`
	Status     string `json:"status"`
	AFK        bool   `json:"afk"`
	Activities []struct {
		Name  string                 `json:"name"`
		Type  discordgo.ActivityType `json:"type"`
		State string                 `json:"state"`
	} `json:"activities"`
}

// Presence returns the presence updates (op 3) the sessions sent, oldest
// first.
func (s *Server) Presence() []Presence {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Presence(nil), s.presence...)
}

// Identify returns the latest IDENTIFY payload (intents, compress, shard,
// properties) with its token blanked; false before any.
func (s *Server) Identify() (discordgo.Identify, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.identify == nil {
		return discordgo.Identify{}, false
	}
	return *s.identify, true
}

// IdentifyAttempt is one IDENTIFY the fake received, accepted or not:
// when, and for which [shard id, number of shards] ([0, 1] without one).
type IdentifyAttempt struct {
	At    time.Time
	Shard [2]int
}

// Identifies returns every IDENTIFY received so far, oldest first.
func (s *Server) Identifies() []IdentifyAttempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]IdentifyAttempt(nil), s.identifies...)
}

// IdentifiedWith reports whether the latest IDENTIFY carried this token
// (with or without the "Bot " prefix).
func (s *Server) IdentifiedWith(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identify != nil && strings.TrimPrefix(s.gwToken, "Bot ") == strings.TrimPrefix(token, "Bot ")
}

// DropConnections closes every gateway socket abruptly, without a close
// frame, as a network failure would; sessions stay resumable. It returns
// once the fake has noticed.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.NetConn().Close()
		<-c.done
	}
}

// RequestReconnect sends op 7 RECONNECT to every connection, as Discord does
// before it moves a session; the client should reconnect and resume.
func (s *Server) RequestReconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		compress := c.sess != nil && c.sess.compress
		s.writeLocked(c, compress, payload{Op: opReconnect, Data: json.RawMessage("null")})
	}
}

// InvalidateSessions sends op 9 INVALID_SESSION (d=false) on every
// connection with a live session, as Discord does when it ends a session
// of its own accord, and returns how many it reached. The sessions cannot
// be resumed; each client must IDENTIFY again, which it may do on the same
// connection (discordgo does, at once).
func (s *Server) InvalidateSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for c := range s.conns {
		sess := c.sess
		if sess == nil || sess.conn != c {
			continue
		}
		sess.invalid, sess.conn, c.sess = true, nil, nil
		s.stats.Live--
		s.stats.Invalid++
		if s.writeLocked(c, sess.compress, payload{Op: opInvalidSession, Data: json.RawMessage("false")}) == nil {
			n++
		}
	}
	s.notifyLocked()
	return n
}

// RefuseIdentifies answers the next n IDENTIFYs of a shard with op 9
// INVALID_SESSION (d=false), as WithIdentifyInvalid does from the start.
func (s *Server) RefuseIdentifies(shard, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.identifyInvalid == nil {
		s.cfg.identifyInvalid = map[int]int{}
	}
	s.cfg.identifyInvalid[shard] = n
}
