package discordtest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// webhookInteractionLocked finds the interaction behind an interaction
// webhook route; its token works once the interaction is acknowledged.
func (s *Server) webhookInteractionLocked(c *call) (*interactionState, *Response) {
	st, ok := s.interactions[c.r.PathValue("token")]
	if c.r.PathValue("app") != s.cfg.appID || !ok || !st.acked {
		return nil, errUnknownWebhook()
	}
	return st, nil
}

// webhookMessageLocked finds the message an interaction webhook route names:
// "@original" or a follow-up's id.
func (s *Server) webhookMessageLocked(c *call) (*interactionState, *discordgo.Message, *Response) {
	st, resp := s.webhookInteractionLocked(c)
	if resp != nil {
		return nil, nil, resp
	}
	id := c.r.PathValue("mid")
	if id == "@original" {
		id = st.original
	} else if id != st.original && !contains(st.followups, id) {
		return nil, nil, errUnknownMessage()
	}
	m, ok := s.messages[id]
	if !ok {
		return nil, nil, errUnknownMessage()
	}
	return st, m, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// getWebhookMessage handles GET /webhooks/{app}/{token}/messages/{mid}.
func (s *Server) getWebhookMessage(c *call) *Response {
	s.awaitHTTPResponse(c.r.PathValue("token"))
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.webhookMessageLocked(c)
	if resp != nil {
		return resp
	}
	return JSONResponse(http.StatusOK, toWire(m))
}

// editWebhookMessage handles PATCH /webhooks/{app}/{token}/messages/{mid}.
func (s *Server) editWebhookMessage(c *call) *Response {
	s.awaitHTTPResponse(c.r.PathValue("token"))
	fields, err := decodeFields(c.req.payload)
	if err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.webhookMessageLocked(c)
	if resp != nil {
		return resp
	}
	return s.editMessageLocked(m, fields, c.req.Files)
}

// editMessageLocked applies an edit to a copy of m, validates it and only
// then stores it, so that a refused edit changes nothing.
func (s *Server) editMessageLocked(m *discordgo.Message, fields map[string]json.RawMessage, files []File) *Response {
	edited := copyMessage(m)
	if err := s.applyFieldsLocked(edited, fields, files, false); err != nil {
		return invalidJSON()
	}
	if errs := validateMessage(edited); len(errs) > 0 {
		return invalidForm(errs)
	}
	if isEmpty(edited) {
		return errEmptyMessage()
	}
	if edited.Flags&discordgo.MessageFlagsLoading != 0 {
		// The first edit of a deferred response replaces "thinking…"; it
		// is not shown as edited.
		edited.Flags &^= discordgo.MessageFlagsLoading
	} else {
		now := time.Now().UTC()
		edited.EditedTimestamp = &now
	}
	s.messages[m.ID] = edited
	s.notifyLocked()
	return JSONResponse(http.StatusOK, toWire(edited))
}

// deleteWebhookMessage handles DELETE /webhooks/{app}/{token}/messages/{mid}.
func (s *Server) deleteWebhookMessage(c *call) *Response {
	s.awaitHTTPResponse(c.r.PathValue("token"))
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m, resp := s.webhookMessageLocked(c)
	if resp != nil {
		return resp
	}
	s.deleteMessageLocked(m)
	s.notifyLocked()
	return &Response{Status: http.StatusNoContent}
}

// executeWebhook handles POST /webhooks/{app}/{token}: a follow-up message.
func (s *Server) executeWebhook(c *call) *Response {
	s.awaitHTTPResponse(c.r.PathValue("token"))
	fields, err := decodeFields(c.req.payload)
	if err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, resp := s.webhookInteractionLocked(c)
	if resp != nil {
		return resp
	}
	if orig, ok := s.messages[st.original]; ok && orig.Flags&discordgo.MessageFlagsLoading != 0 {
		// Discord lets the first follow-up after a deferred response take
		// the place of the "thinking…" message.
		resp := s.editMessageLocked(orig, fields, c.req.Files)
		if resp.Status == http.StatusOK && c.req.Query.Get("wait") != "true" {
			return &Response{Status: http.StatusNoContent}
		}
		return resp
	}
	channelID := st.i.ChannelID
	if th := c.req.Query.Get("thread_id"); th != "" {
		channelID = th
	}
	m := s.newMessageLocked(channelID)
	m.WebhookID = s.cfg.appID
	if err := s.applyFieldsLocked(m, fields, c.req.Files, true); err != nil {
		return invalidJSON()
	}
	m.Flags &= discordgo.MessageFlagsEphemeral | discordgo.MessageFlagsSuppressEmbeds |
		discordgo.MessageFlagsSuppressNotifications | discordgo.MessageFlagsIsComponentsV2
	if errs := validateMessage(m); len(errs) > 0 {
		return invalidForm(errs)
	}
	if isEmpty(m) {
		return errEmptyMessage()
	}
	s.storeMessageLocked(m)
	st.followups = append(st.followups, m.ID)
	s.notifyLocked()
	if c.req.Query.Get("wait") != "true" {
		return &Response{Status: http.StatusNoContent}
	}
	return JSONResponse(http.StatusOK, toWire(m))
}
