package discordtest

import (
	"bytes"
	"compress/zlib"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes, as in Discord's documentation.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// Gateway close codes the fake uses.
const (
	closeUnknownOpcode     = 4001
	closeDecodeError       = 4002
	closeNotAuthenticated  = 4003
	closeAuthFailed        = 4004
	closeAlreadyAuthed     = 4005
	closeInvalidShard      = 4010
	closeDisallowedIntents = 4014
)

// writeTimeout bounds every gateway write, so that a client that stopped
// reading cannot hang the fake (or the test) forever.
const writeTimeout = 5 * time.Second

// historyLimit bounds the dispatches kept per session for RESUME.
const historyLimit = 1000

// GatewayStats counts what happened on the gateway.
type GatewayStats struct {
	Connects   int // websocket connections accepted
	Identifies int // successful IDENTIFYs (each answered by READY)
	Resumes    int // successful RESUMEs (each answered by RESUMED)
	Invalid    int // INVALID_SESSION sent (a RESUME that could not resume)
	Heartbeats int // heartbeats received, each answered by HEARTBEAT_ACK
	Live       int // connections now open with an identified session
	Open       int // websocket connections now open
	// Query is the query string of the latest connection (discordgo sends
	// v and encoding).
	Query url.Values
}

// gwConn is one websocket connection.
type gwConn struct {
	ws   *websocket.Conn
	done chan struct{} // closed when the connection's handler returns
	sess *gwSession    // nil until IDENTIFY or RESUME; guarded by Server.mu
}

// gwSession is a gateway session; it outlives its connections so that a
// client can resume it.
type gwSession struct {
	id       string
	seq      int64
	compress bool
	conn     *gwConn // nil while disconnected
	history  []payload
	invalid  bool
	shard    [2]int // [shard id, number of shards] from IDENTIFY
}

// owns reports whether a guild's events go to this session's shard; a
// DM's (no guild) go to shard 0, as on Discord.
func (sess *gwSession) owns(guildID string) bool {
	if guildID == "" {
		return sess.shard[0] == 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return sess.shard[0] == 0
	}
	return int((id>>22)%uint64(sess.shard[1])) == sess.shard[0]
}

// payload is a gateway message.
type payload struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
}

var upgrader = websocket.Upgrader{
	CheckOrigin: func(*http.Request) bool { return true },
}

// serveGateway speaks Discord's gateway protocol on one connection: HELLO,
// then IDENTIFY → READY and GUILD_CREATEs, or RESUME → the missed dispatches
// and RESUMED; heartbeats are acknowledged.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the client.
	}
	c := &gwConn{ws: ws, done: make(chan struct{})}
	defer close(c.done)
	defer ws.Close()

	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.stats.Connects++
	s.stats.Open++
	s.stats.Query = r.URL.Query()
	s.notifyLocked()
	s.mu.Unlock()
	defer s.forget(c)

	hello, _ := json.Marshal(map[string]int64{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()})
	if s.write(c, false, payload{Op: opHello, Data: hello}) != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
				// Discord ends a session closed with 1000 or 1001: it
				// cannot be resumed.
				s.invalidate(c)
			}
			return
		}
		var p payload
		if json.Unmarshal(msg, &p) != nil {
			s.closeWith(c, closeDecodeError, "Error while decoding payload.")
			return
		}
		if !s.handleOp(c, p) {
			return
		}
	}
}

// handleOp answers one client payload; false ends the connection.
func (s *Server) handleOp(c *gwConn, p payload) bool {
	s.mu.Lock()
	identified := c.sess != nil
	s.mu.Unlock()
	switch p.Op {
	case opHeartbeat:
		s.mu.Lock()
		s.stats.Heartbeats++
		compress := c.sess != nil && c.sess.compress
		s.notifyLocked()
		s.mu.Unlock()
		return s.write(c, compress, payload{Op: opHeartbeatAck, Data: json.RawMessage("null")}) == nil
	case opIdentify:
		if identified {
			s.closeWith(c, closeAlreadyAuthed, "You sent more than one identify payload.")
			return false
		}
		return s.identifyConn(c, p.Data)
	case opResume:
		if identified {
			s.closeWith(c, closeAlreadyAuthed, "You sent more than one identify payload.")
			return false
		}
		return s.resumeConn(c, p.Data)
	case opPresenceUpdate, opVoiceState, opRequestMembers:
		if !identified {
			s.closeWith(c, closeNotAuthenticated, "Not authenticated.")
			return false
		}
		if p.Op == opPresenceUpdate {
			var u Presence
			if json.Unmarshal(p.Data, &u) != nil {
				s.closeWith(c, closeDecodeError, "Error while decoding payload.")
				return false
			}
			s.mu.Lock()
			u.Shard = c.sess.shard[0]
			s.presence = append(s.presence, u)
			s.notifyLocked()
			s.mu.Unlock()
		}
		return true
	default:
		s.closeWith(c, closeUnknownOpcode, "Unknown opcode.")
		return false
	}
}

// tokenOK reports whether an IDENTIFY or RESUME token is acceptable.
func (s *Server) tokenOK(token string) bool {
	if s.cfg.token == "" {
		return true
	}
	return strings.TrimPrefix(token, "Bot ") == strings.TrimPrefix(s.cfg.token, "Bot ")
}

func (s *Server) identifyConn(c *gwConn, data json.RawMessage) bool {
	id, err := decodeIdentify(data)
	if err != nil {
		s.closeWith(c, closeDecodeError, "Error while decoding payload.")
		return false
	}
	attempt := IdentifyAttempt{At: time.Now(), Shard: [2]int{0, 1}}
	if id.Shard != nil {
		attempt.Shard = *id.Shard
	}
	s.mu.Lock()
	s.identifies = append(s.identifies, attempt)
	s.notifyLocked()
	s.mu.Unlock()
	if !s.tokenOK(id.Token) {
		s.closeWith(c, closeAuthFailed, "Authentication failed.")
		return false
	}
	if id.Intents&s.cfg.disallowedIntents != 0 {
		s.closeWith(c, closeDisallowedIntents, "Disallowed intent(s).")
		return false
	}
	if id.Shard != nil && (id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1]) {
		s.closeWith(c, closeInvalidShard, "Invalid shard.")
		return false
	}
	if s.cfg.identifyClose != 0 && (s.cfg.identifyCloseShard == nil || *s.cfg.identifyCloseShard == attempt.Shard[0]) {
		s.closeWith(c, s.cfg.identifyClose, s.cfg.identifyCloseReason)
		return false
	}
	s.mu.Lock()
	refuse := s.cfg.identifyInvalid[attempt.Shard[0]] > 0
	if refuse {
		s.cfg.identifyInvalid[attempt.Shard[0]]--
		s.stats.Invalid++
		s.notifyLocked()
		// Over the limit: op 9, and the client may IDENTIFY again on
		// this connection.
		err := s.writeLocked(c, false, payload{Op: opInvalidSession, Data: json.RawMessage("false")})
		s.mu.Unlock()
		return err == nil
	}
	s.mu.Unlock()
	sess := &gwSession{id: randomHex(16), compress: id.Compress, conn: c, shard: [2]int{0, 1}}
	if id.Shard != nil {
		sess.shard = *id.Shard
	}
	// A shard is sent its own guilds only (Discord: (guild_id >> 22) %
	// num_shards).
	var mine []string
	for _, g := range s.cfg.guilds {
		if sess.owns(g) {
			mine = append(mine, g)
		}
	}
	guilds := make([]map[string]any, 0, len(mine))
	for _, g := range mine {
		guilds = append(guilds, map[string]any{"id": g, "unavailable": true})
	}
	ready := map[string]any{
		"v":                  9,
		"user":               map[string]any{"id": s.cfg.botID, "username": s.cfg.botName, "discriminator": "0", "bot": true, "verified": true},
		"session_id":         sess.id,
		"resume_gateway_url": s.GatewayURL(),
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"guilds":             guilds,
		"private_channels":   []any{},
	}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	// Events are sent with s.mu held so that no dispatch can come between
	// READY and the GUILD_CREATEs, or take a sequence number out of order.
	c.sess = sess
	s.sessions[sess.id] = sess
	recorded := id
	recorded.Token = "" // kept out of test output; see IdentifiedWith
	s.identify = &recorded
	s.gwToken = id.Token
	if !s.sendLocked(sess, "READY", ready) {
		return false
	}
	for _, g := range mine {
		if !s.sendLocked(sess, "GUILD_CREATE", s.guildLocked(g)) {
			return false
		}
	}
	s.stats.Identifies++
	s.stats.Live++
	s.notifyLocked()
	return true
}

// decodeIdentify reads an IDENTIFY payload. discordgo's Identify cannot read
// its own presence back (it writes an activity's created_at as a time but
// reads it as a number), so the presence is read on a best-effort basis.
func decodeIdentify(data json.RawMessage) (discordgo.Identify, error) {
	var raw struct {
		Token          string                       `json:"token"`
		Properties     discordgo.IdentifyProperties `json:"properties"`
		Compress       bool                         `json:"compress"`
		LargeThreshold int                          `json:"large_threshold"`
		Shard          *[2]int                      `json:"shard"`
		Presence       json.RawMessage              `json:"presence"`
		Intents        discordgo.Intent             `json:"intents"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return discordgo.Identify{}, err
	}
	id := discordgo.Identify{
		Token: raw.Token, Properties: raw.Properties, Compress: raw.Compress,
		LargeThreshold: raw.LargeThreshold, Shard: raw.Shard, Intents: raw.Intents,
	}
	if len(raw.Presence) > 0 {
		json.Unmarshal(raw.Presence, &id.Presence)
	}
	return id, nil
}

// guildLocked is a guild as GUILD_CREATE carries it.
func (s *Server) guildLocked(id string) map[string]any {
	channels := []*discordgo.Channel{}
	if ch, ok := s.channels[s.general[id]]; ok {
		channels = append(channels, ch.ch)
	}
	return map[string]any{
		"id": id, "name": "Guild " + id, "unavailable": false, "owner_id": DefaultUserID,
		"member_count": 2, "joined_at": time.Now().UTC(), "large": false,
		"channels": channels, "threads": []any{}, "members": []any{}, "roles": []any{},
		"emojis": []any{}, "voice_states": []any{}, "presences": []any{},
		"preferred_locale": s.preferredLocaleLocked(id),
	}
}

func (s *Server) resumeConn(c *gwConn, data json.RawMessage) bool {
	var rp struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if json.Unmarshal(data, &rp) != nil {
		s.closeWith(c, closeDecodeError, "Error while decoding payload.")
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[rp.SessionID]
	if !ok || sess.invalid || !s.tokenOK(rp.Token) {
		s.stats.Invalid++
		s.notifyLocked()
		// d=false: the client must IDENTIFY again, which discordgo does on
		// the same connection.
		return s.writeLocked(c, false, payload{Op: opInvalidSession, Data: json.RawMessage("false")}) == nil
	}
	if old := sess.conn; old != nil && old != c {
		// A session lives on one connection; the newest wins.
		old.ws.Close()
		old.sess = nil
		s.stats.Live--
	}
	sess.conn = c
	c.sess = sess
	for _, p := range sess.history {
		if *p.Seq > rp.Seq {
			if s.writeLocked(c, sess.compress, p) != nil {
				return false
			}
		}
	}
	if !s.sendLocked(sess, "RESUMED", map[string]any{}) {
		return false
	}
	s.stats.Resumes++
	s.stats.Live++
	s.notifyLocked()
	return true
}

// sendLocked sends a dispatch on sess with the next sequence number and keeps
// it for a later RESUME. A disconnected session only keeps it.
func (s *Server) sendLocked(sess *gwSession, event string, data any) bool {
	raw, err := json.Marshal(data)
	if err != nil {
		s.tb.Errorf("discordtest: marshal %s: %v", event, err)
		return false
	}
	sess.seq++
	seq, t := sess.seq, event
	p := payload{Op: opDispatch, Data: raw, Seq: &seq, Type: &t}
	sess.history = append(sess.history, p)
	if len(sess.history) > historyLimit {
		sess.history = sess.history[len(sess.history)-historyLimit:]
	}
	if sess.conn == nil {
		return true
	}
	return s.writeLocked(sess.conn, sess.compress, p) == nil
}

// write sends p on c. Writes are serialised by s.mu, which also keeps
// sequence numbers in order on the wire.
func (s *Server) write(c *gwConn, compress bool, p payload) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writeLocked(c, compress, p)
}

// writeLocked sends p on c, zlib-compressed in a binary frame when the
// session asked for compression in IDENTIFY (discordgo inflates binary
// frames one by one).
func (s *Server) writeLocked(c *gwConn, compress bool, p payload) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	kind := websocket.TextMessage
	if compress {
		var buf bytes.Buffer
		if s.zw == nil {
			s.zw = zlib.NewWriter(&buf)
		} else {
			s.zw.Reset(&buf)
		}
		s.zw.Write(b)
		s.zw.Close()
		b, kind = buf.Bytes(), websocket.BinaryMessage
	}
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	err = c.ws.WriteMessage(kind, b)
	if err != nil {
		// A failed write leaves the socket unusable; closing it ends the
		// reader too.
		c.ws.Close()
	}
	return err
}

// closeWith sends a close frame with a gateway close code.
func (s *Server) closeWith(c *gwConn, code int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(writeTimeout))
}

// invalidate ends the session of c so that it cannot be resumed.
func (s *Server) invalidate(c *gwConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.sess != nil {
		c.sess.invalid = true
	}
}

// forget removes a finished connection.
func (s *Server) forget(c *gwConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.stats.Open--
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
		s.stats.Live--
	}
	c.sess = nil
	s.notifyLocked()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
