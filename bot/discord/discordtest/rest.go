package discordtest

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// call carries a parsed request through the mux to a route handler and the
// handler's reply back.
type call struct {
	req  Request
	r    *http.Request
	resp *Response
}

type callKey struct{}

// handle registers a route; pattern is a ServeMux pattern below /api/v9.
func (s *Server) handle(pattern string, fn func(*call) *Response) {
	method, path, _ := strings.Cut(pattern, " ")
	s.mux.HandleFunc(method+" "+apiPrefix+path, func(_ http.ResponseWriter, r *http.Request) {
		c := r.Context().Value(callKey{}).(*call)
		c.r = r
		c.resp = fn(c)
	})
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.handle("GET /gateway", s.getGateway)
	s.handle("GET /gateway/bot", s.getGateway)
	s.handle("GET /users/@me", s.getMe)
	s.handle("POST /users/@me/channels", s.createDM)
	s.handle("GET /guilds/{guild}/roles", s.getRoles)
	s.handle("GET /guilds/{guild}/members/{user}", s.getMember)

	s.handle("POST /interactions/{id}/{token}/callback", s.interactionCallback)
	s.handle("POST /webhooks/{app}/{token}", s.executeWebhook)
	s.handle("GET /webhooks/{app}/{token}/messages/{mid}", s.getWebhookMessage)
	s.handle("PATCH /webhooks/{app}/{token}/messages/{mid}", s.editWebhookMessage)
	s.handle("DELETE /webhooks/{app}/{token}/messages/{mid}", s.deleteWebhookMessage)

	s.handle("GET /channels/{cid}", s.getChannel)
	s.handle("PATCH /channels/{cid}", s.editChannel)
	s.handle("GET /channels/{cid}/messages", s.listMessages)
	s.handle("POST /channels/{cid}/messages", s.createMessage)
	s.handle("GET /channels/{cid}/messages/{mid}", s.getMessage)
	s.handle("PATCH /channels/{cid}/messages/{mid}", s.editMessage)
	s.handle("DELETE /channels/{cid}/messages/{mid}", s.deleteMessage)
	s.handle("POST /channels/{cid}/messages/{mid}/threads", s.startThreadFromMessage)
	s.handle("POST /channels/{cid}/threads", s.startThread)
	s.handle("GET /channels/{cid}/pins", s.listPins)
	s.handle("PUT /channels/{cid}/pins/{mid}", s.pin(true))
	s.handle("DELETE /channels/{cid}/pins/{mid}", s.pin(false))
	s.handle("PUT /channels/{cid}/messages/{mid}/reactions/{emoji}/@me", s.react(true))
	s.handle("DELETE /channels/{cid}/messages/{mid}/reactions/{emoji}/@me", s.react(false))

	for _, p := range []string{"/applications/{app}/commands", "/applications/{app}/guilds/{guild}/commands"} {
		s.handle("GET "+p, s.getCommands)
		s.handle("PUT "+p, s.overwriteCommands)
		s.handle("POST "+p, s.createCommand)
		s.handle("DELETE "+p+"/{cmd}", s.deleteCommand)
	}

	s.mux.HandleFunc("GET /files/", s.serveFile)
	s.mux.HandleFunc("GET /attachments/", s.serveFile)
	s.mux.HandleFunc("/", func(http.ResponseWriter, *http.Request) {}) // leaves resp nil: 404
}

// route answers req with the matching route handler, or Discord's 404.
func (s *Server) route(r *http.Request, req Request) *Response {
	if s.cfg.token != "" && strings.HasPrefix(r.URL.Path, apiPrefix+"/") && !strings.HasPrefix(req.Path, "/webhooks/") &&
		!strings.HasPrefix(req.Path, "/interactions/") && !req.AuthorizedAs(s.cfg.token) {
		return errorResponse(http.StatusUnauthorized, 0, "401: Unauthorized")
	}
	c := &call{req: req}
	fw := &fileWriter{header: http.Header{}}
	s.mux.ServeHTTP(fw, r.WithContext(context.WithValue(r.Context(), callKey{}, c)))
	if fw.status != 0 {
		return &Response{Status: fw.status, Header: fw.header, Body: fw.body}
	}
	if c.resp == nil {
		// Unknown routes, and paths ServeMux would only redirect (empty
		// ids make "//"), are 404s on Discord.
		return errorResponse(http.StatusNotFound, 0, "404: Not Found")
	}
	return c.resp
}

func (s *Server) getGateway(c *call) *Response {
	body := map[string]any{"url": s.GatewayURL()}
	if strings.HasSuffix(c.req.Path, "/bot") {
		body["shards"] = max(s.cfg.shards, 1)
		body["session_start_limit"] = map[string]int{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": max(s.cfg.maxConcurrency, 1)}
	}
	return JSONResponse(http.StatusOK, body)
}

func (s *Server) getMe(*call) *Response {
	return JSONResponse(http.StatusOK, s.botUser())
}

// getRoles handles GET /guilds/{guild}/roles: @everyone (the guild's id),
// the bot's managed role, tagged with its id as Discord does, and one
// ordinary role.
func (s *Server) getRoles(c *call) *Response {
	g := c.r.PathValue("guild")
	type tags struct {
		BotID string `json:"bot_id,omitempty"`
	}
	type role struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Managed bool   `json:"managed"`
		Tags    *tags  `json:"tags,omitempty"`
	}
	return JSONResponse(http.StatusOK, []role{
		{ID: g, Name: "@everyone"},
		{ID: DefaultBotRoleID, Name: s.cfg.botName, Managed: true, Tags: &tags{BotID: s.cfg.botID}},
		{ID: DefaultOtherRoleID, Name: "Moderators"},
	})
}

// createDM handles POST /users/@me/channels: one DM channel per recipient.
func (s *Server) createDM(c *call) *Response {
	var body struct {
		RecipientID string `json:"recipient_id"`
	}
	if err := c.req.Decode(&body); err != nil || body.RecipientID == "" {
		return invalidForm([]fieldError{{path: []string{"recipient_id"}, code: "BASE_TYPE_REQUIRED", msg: "This field is required"}})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.dms[body.RecipientID]
	if !ok {
		id = s.newID()
		u := &discordgo.User{ID: body.RecipientID, Username: "user" + body.RecipientID, Discriminator: "0"}
		if body.RecipientID == DefaultUserID {
			u.Username = DefaultUsername
		}
		s.ensureChannelLocked(id, "", u)
		s.notifyLocked()
	}
	return JSONResponse(http.StatusOK, s.channels[id].ch)
}

// channelLocked finds the channel a route names.
func (s *Server) channelLocked(c *call) (*channelState, *Response) {
	cs, ok := s.channels[c.r.PathValue("cid")]
	if !ok {
		return nil, errUnknownChannel()
	}
	return cs, nil
}

// messageLocked finds the message a route names, in the channel it names.
func (s *Server) messageLocked(c *call) (*channelState, *discordgo.Message, *Response) {
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return nil, nil, resp
	}
	m, ok := s.messages[c.r.PathValue("mid")]
	if !ok || m.ChannelID != cs.ch.ID {
		return nil, nil, errUnknownMessage()
	}
	return cs, m, nil
}

func (s *Server) getChannel(c *call) *Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return resp
	}
	return JSONResponse(http.StatusOK, cs.ch)
}

// editChannel handles PATCH /channels/{cid}: names, topics and the thread
// states (archived, locked) a bot changes.
func (s *Server) editChannel(c *call) *Response {
	var body struct {
		Name                string `json:"name"`
		Topic               string `json:"topic"`
		Archived            *bool  `json:"archived"`
		Locked              *bool  `json:"locked"`
		AutoArchiveDuration int    `json:"auto_archive_duration"`
		RateLimitPerUser    *int   `json:"rate_limit_per_user"`
	}
	if err := c.req.Decode(&body); err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return resp
	}
	ch := cs.ch
	if body.Name != "" {
		ch.Name = body.Name
	}
	if body.Topic != "" {
		ch.Topic = body.Topic
	}
	if body.RateLimitPerUser != nil {
		ch.RateLimitPerUser = *body.RateLimitPerUser
	}
	if body.Archived != nil || body.Locked != nil || body.AutoArchiveDuration != 0 {
		if !ch.IsThread() {
			return invalidForm([]fieldError{{path: []string{"archived"}, code: "CHANNEL_TYPE_INVALID", msg: "Not a thread"}})
		}
		md := ch.ThreadMetadata
		if body.Archived != nil && md.Archived != *body.Archived {
			md.Archived = *body.Archived
			md.ArchiveTimestamp = time.Now().UTC()
		}
		if body.Locked != nil {
			md.Locked = *body.Locked
		}
		if body.AutoArchiveDuration != 0 {
			md.AutoArchiveDuration = body.AutoArchiveDuration
		}
	}
	s.notifyLocked()
	return JSONResponse(http.StatusOK, ch)
}

// listMessages handles GET /channels/{cid}/messages: newest first, limit
// 1–100 (default 50).
func (s *Server) listMessages(c *call) *Response {
	limit := 50
	if l := c.req.Query.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			return invalidForm([]fieldError{{path: []string{"limit"}, code: "NUMBER_TYPE_MAX", msg: "int value should be between 1 and 100."}})
		}
		limit = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return resp
	}
	out := []wireMessage{}
	for i := len(cs.msgs) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, toWire(s.messages[cs.msgs[i]]))
	}
	return JSONResponse(http.StatusOK, out)
}

// createMessage handles POST /channels/{cid}/messages. A channel the fake
// has not seen yet is created (see ensureChannelLocked).
func (s *Server) createMessage(c *call) *Response {
	fields, err := decodeFields(c.req.payload)
	if err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cid := c.r.PathValue("cid")
	cs := s.ensureChannelLocked(cid, s.firstGuild(), nil)
	if t := cs.ch.Type; t == discordgo.ChannelTypeGuildForum || t == discordgo.ChannelTypeGuildMedia {
		// A forum holds posts (threads), not messages.
		return errorResponse(http.StatusBadRequest, 50008, "Cannot send messages in a non-text channel")
	}
	if md := cs.ch.ThreadMetadata; cs.ch.IsThread() && md != nil && md.Archived {
		if md.Locked {
			return errorResponse(http.StatusBadRequest, 50083, "Thread is archived")
		}
		// Posting in an archived, unlocked thread unarchives it.
		md.Archived = false
	}
	m := s.newMessageLocked(cid)
	if err := s.applyFieldsLocked(m, fields, c.req.Files, true); err != nil {
		return invalidJSON()
	}
	// Ephemeral messages exist only as interaction responses.
	m.Flags &= discordgo.MessageFlagsSuppressEmbeds | discordgo.MessageFlagsSuppressNotifications | discordgo.MessageFlagsIsComponentsV2
	if errs := validateMessage(m); len(errs) > 0 {
		return invalidForm(errs)
	}
	if isEmpty(m) {
		return errEmptyMessage()
	}
	s.storeMessageLocked(m)
	s.notifyLocked()
	return JSONResponse(http.StatusOK, toWire(m))
}

// firstGuild is the guild new channels belong to.
func (s *Server) firstGuild() string {
	if len(s.cfg.guilds) == 0 {
		return ""
	}
	return s.cfg.guilds[0]
}

func (s *Server) getMessage(c *call) *Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.messageLocked(c)
	if resp != nil {
		return resp
	}
	return JSONResponse(http.StatusOK, toWire(m))
}

// editMessage handles PATCH /channels/{cid}/messages/{mid}; like Discord it
// refuses to edit other users' messages.
func (s *Server) editMessage(c *call) *Response {
	fields, err := decodeFields(c.req.payload)
	if err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.messageLocked(c)
	if resp != nil {
		return resp
	}
	if m.Author == nil || m.Author.ID != s.cfg.botID {
		return errorResponse(http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
	}
	return s.editMessageLocked(m, fields, c.req.Files)
}

func (s *Server) deleteMessage(c *call) *Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.messageLocked(c)
	if resp != nil {
		return resp
	}
	s.deleteMessageLocked(m)
	s.notifyLocked()
	return &Response{Status: http.StatusNoContent}
}

func (s *Server) listPins(c *call) *Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, resp := s.channelLocked(c)
	if resp != nil {
		return resp
	}
	out := []wireMessage{}
	for i := len(cs.msgs) - 1; i >= 0; i-- {
		if m := s.messages[cs.msgs[i]]; m.Pinned {
			out = append(out, toWire(m))
		}
	}
	return JSONResponse(http.StatusOK, out)
}

func (s *Server) pin(pinned bool) func(*call) *Response {
	return func(c *call) *Response {
		s.mu.Lock()
		defer s.mu.Unlock()
		_, m, resp := s.messageLocked(c)
		if resp != nil {
			return resp
		}
		m.Pinned = pinned
		s.notifyLocked()
		return &Response{Status: http.StatusNoContent}
	}
}

// react adds or removes the bot's reaction; emoji is "👍" or "name:id".
func (s *Server) react(add bool) func(*call) *Response {
	return func(c *call) *Response {
		name, id, _ := strings.Cut(c.r.PathValue("emoji"), ":")
		if name == "" {
			return errorResponse(http.StatusBadRequest, 10014, "Unknown Emoji")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		_, m, resp := s.messageLocked(c)
		if resp != nil {
			return resp
		}
		i := slices.IndexFunc(m.Reactions, func(r *discordgo.MessageReactions) bool {
			return r.Emoji != nil && r.Emoji.Name == name && r.Emoji.ID == id
		})
		switch {
		case add && i < 0:
			m.Reactions = append(m.Reactions, &discordgo.MessageReactions{Count: 1, Me: true, Emoji: &discordgo.Emoji{Name: name, ID: id}})
		case add && !m.Reactions[i].Me:
			m.Reactions[i].Me = true
			m.Reactions[i].Count++
		case !add && i >= 0 && m.Reactions[i].Me:
			m.Reactions[i].Me = false
			m.Reactions[i].Count--
			if m.Reactions[i].Count == 0 {
				m.Reactions = slices.Delete(m.Reactions, i, i+1)
			}
		}
		s.notifyLocked()
		return &Response{Status: http.StatusNoContent}
	}
}
