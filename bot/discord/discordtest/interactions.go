package discordtest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interactionState is what the fake knows of one dispatched interaction.
type interactionState struct {
	i          *discordgo.Interaction
	dispatched time.Time
	acked      bool
	callback   Callback
	original   string   // message id of the original response
	followups  []string // message ids
	// httpPending counts the HTTP deliveries of the interaction whose
	// response the fake has not read yet.
	httpPending int
}

// Callback is the initial response a bot gave to an interaction.
type Callback struct {
	Type discordgo.InteractionResponseType
	// Data is the callback's raw "data" (autocomplete choices, a modal, the
	// message of a type 4 or 7 response).
	Data json.RawMessage
}

// DispatchInteraction sends INTERACTION_CREATE to the connected sessions and
// returns the interaction as sent. Empty fields are filled: ID, Token, AppID,
// Version, Type (an application command), Locale; ChannelID (the guild's
// general channel, or a DM with the user when GuildID is empty); Member (in a
// guild) or User (in a DM) as DefaultUserID. A Message (for component
// interactions) is stored so that type 6 and 7 responses can update it.
func (s *Server) DispatchInteraction(in *discordgo.Interaction) *discordgo.Interaction {
	s.tb.Helper()
	i, raw := s.registerInteraction(in, false)
	if raw == nil {
		return i
	}
	s.Dispatch("INTERACTION_CREATE", raw)
	return i
}

// registerInteraction fills in's empty fields (see DispatchInteraction),
// keeps its state and returns it as sent and as its wire JSON (nil when it
// cannot be marshalled). An interaction whose id is known already (sent
// again, to another replica) keeps its state. overHTTP marks it as waiting
// for an HTTP response.
func (s *Server) registerInteraction(in *discordgo.Interaction, overHTTP bool) (*discordgo.Interaction, map[string]any) {
	s.tb.Helper()
	i := *in
	s.mu.Lock()
	if i.ID == "" {
		i.ID = s.newID()
	}
	if i.Token == "" {
		i.Token = "discordtest-interaction-" + i.ID
	}
	if i.AppID == "" {
		i.AppID = s.cfg.appID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	if i.Type == 0 {
		i.Type = discordgo.InteractionApplicationCommand
	}
	if i.Locale == "" {
		i.Locale = discordgo.EnglishUS
	}
	if i.Member == nil && i.User == nil {
		u := defaultUser()
		if i.GuildID != "" {
			i.Member = &discordgo.Member{GuildID: i.GuildID, User: u, JoinedAt: time.Now().UTC(), Roles: []string{}}
		} else {
			i.User = u
		}
	}
	who := i.User
	if i.Member != nil {
		who = i.Member.User
	}
	i.ChannelID = s.defaultChannelLocked(i.ChannelID, i.GuildID, who)
	if i.Member != nil {
		s.rememberMemberLocked(i.GuildID, i.Member, nil)
	}
	if i.Message != nil {
		m := copyMessage(i.Message)
		if m.ID == "" {
			m.ID = s.newID()
		}
		if m.ChannelID == "" {
			m.ChannelID = i.ChannelID
		}
		if m.Author == nil {
			m.Author = s.botUser()
		}
		if m.Timestamp.IsZero() {
			m.Timestamp = time.Now().UTC()
		}
		if _, ok := s.messages[m.ID]; !ok {
			s.storeMessageLocked(m)
		}
		i.Message = copyMessage(m)
	}
	st, known := s.interByID[i.ID]
	if !known {
		st = &interactionState{i: &i, dispatched: time.Now()}
		s.interactions[i.Token] = st
		s.interByID[i.ID] = st
	}
	if overHTTP {
		st.httpPending++
	}
	s.notifyLocked()
	s.mu.Unlock()

	// Marshal the message by hand: discordgo's Message drops components.
	b, err := json.Marshal(i)
	if err != nil {
		s.tb.Errorf("discordtest: marshal interaction: %v", err)
		return &i, nil
	}
	var raw map[string]any
	json.Unmarshal(b, &raw)
	if i.Message != nil {
		raw["message"] = toWire(i.Message)
	}
	// Likewise the messages a message command resolves (its target).
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok && d.Resolved != nil && len(d.Resolved.Messages) > 0 {
		msgs := map[string]any{}
		for id, m := range d.Resolved.Messages {
			msgs[id] = toWire(m)
		}
		if data, ok := raw["data"].(map[string]any); ok {
			if res, ok := data["resolved"].(map[string]any); ok {
				res["messages"] = msgs
			}
		}
	}
	out := i
	return &out, raw
}

// defaultUser is the member who asks.
func defaultUser() *discordgo.User {
	return &discordgo.User{ID: DefaultUserID, Username: DefaultUsername, Discriminator: "0"}
}

// defaultChannelLocked returns channelID, or when it is empty the guild's
// general channel or the DM channel with who; the channel is created if new.
func (s *Server) defaultChannelLocked(channelID, guildID string, who *discordgo.User) string {
	if channelID == "" {
		switch {
		case guildID != "" && s.general[guildID] != "":
			channelID = s.general[guildID]
		case guildID == "" && who != nil && s.dms[who.ID] != "":
			channelID = s.dms[who.ID]
		default:
			channelID = s.newID()
		}
	}
	s.ensureChannelLocked(channelID, guildID, who)
	return channelID
}

// Original returns the current state of the original response to the
// interaction with this token (after every edit), or nil when there is none.
func (s *Server) Original(token string) *discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[token]
	if !ok || st.original == "" {
		return nil
	}
	return copyMessage(s.messages[st.original])
}

// Followups returns the follow-up messages of an interaction that still
// exist, oldest first.
func (s *Server) Followups(token string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[token]
	if !ok {
		return nil
	}
	var out []*discordgo.Message
	for _, id := range st.followups {
		if m, ok := s.messages[id]; ok {
			out = append(out, copyMessage(m))
		}
	}
	return out
}

// InteractionCallback returns the initial response given to the interaction
// with this token, if any.
func (s *Server) InteractionCallback(token string) (Callback, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interactions[token]
	if !ok || !st.acked {
		return Callback{}, false
	}
	return st.callback, true
}

// interactionCallback handles POST /interactions/{id}/{token}/callback.
func (s *Server) interactionCallback(c *call) *Response {
	var body struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := c.req.Decode(&body); err != nil {
		return invalidJSON()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.interByID[c.r.PathValue("id")]
	if !ok || st.i.Token != c.r.PathValue("token") {
		return errUnknownInteraction()
	}
	return s.applyCallbackLocked(st, body.Type, body.Data, c.req.Files)
}

// applyCallbackLocked applies an initial response, from the callback
// route or an HTTP response body, as Discord does: once, in time, of a
// type that fits the interaction.
func (s *Server) applyCallbackLocked(st *interactionState, typ discordgo.InteractionResponseType, data json.RawMessage, files []File) *Response {
	body := struct {
		Type discordgo.InteractionResponseType
		Data json.RawMessage
	}{typ, data}
	if s.cfg.ackDeadline > 0 && time.Since(st.dispatched) > s.cfg.ackDeadline {
		return errUnknownInteraction()
	}
	if st.acked {
		return errorResponse(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
	}
	fields, err := decodeFields(body.Data)
	if isNull(body.Data) {
		fields, err = map[string]json.RawMessage{}, nil
	}
	if err != nil {
		return invalidJSON()
	}
	badType := invalidForm([]fieldError{{path: []string{"type"}, code: "INTERACTION_RESPONSE_TYPE_INVALID",
		msg: "Invalid interaction response type for this interaction."}})

	switch body.Type {
	case discordgo.InteractionResponsePong:
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseDeferredChannelMessageWithSource:
		m := s.newMessageLocked(st.i.ChannelID)
		m.WebhookID = s.cfg.appID
		m.InteractionMetadata = &discordgo.MessageInteractionMetadata{ID: st.i.ID, Type: st.i.Type, User: interactionUser(st.i)}
		if st.i.Type == discordgo.InteractionApplicationCommand {
			m.Type = discordgo.MessageTypeChatInputCommand
		}
		if err := s.applyFieldsLocked(m, fields, files, true); err != nil {
			return invalidJSON()
		}
		if body.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
			// A deferred response shows "thinking…"; only its ephemeral
			// flag counts now.
			m.Flags = m.Flags&discordgo.MessageFlagsEphemeral | discordgo.MessageFlagsLoading
		} else {
			if errs := validateMessage(m, "data"); len(errs) > 0 {
				return invalidForm(errs)
			}
			if isEmpty(m) {
				return errEmptyMessage()
			}
		}
		s.storeMessageLocked(m)
		st.original = m.ID
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		if st.i.Message == nil {
			return badType
		}
		m, ok := s.messages[st.i.Message.ID]
		if !ok {
			return errUnknownMessage()
		}
		if body.Type == discordgo.InteractionResponseUpdateMessage {
			edited := copyMessage(m)
			if err := s.applyFieldsLocked(edited, fields, files, false); err != nil {
				return invalidJSON()
			}
			if errs := validateMessage(edited, "data"); len(errs) > 0 {
				return invalidForm(errs)
			}
			now := time.Now().UTC()
			edited.EditedTimestamp = &now
			s.messages[m.ID] = edited
		}
		st.original = m.ID
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if st.i.Type != discordgo.InteractionApplicationCommandAutocomplete {
			return badType
		}
	case discordgo.InteractionResponseModal:
		if st.i.Type == discordgo.InteractionModalSubmit || st.i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return badType
		}
		if errs := validateModal(body.Data); len(errs) > 0 {
			return invalidForm(errs)
		}
	default:
		return badType
	}
	st.acked = true
	st.callback = Callback{Type: body.Type, Data: append(json.RawMessage(nil), body.Data...)}
	s.notifyLocked()
	return &Response{Status: http.StatusNoContent}
}

func interactionUser(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

func invalidJSON() *Response {
	return errorResponse(http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
}
