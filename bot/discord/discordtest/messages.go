package discordtest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on a message, in characters.
const (
	maxContent          = 2000
	maxEmbeds           = 10
	maxEmbedTotal       = 6000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooterText       = 2048
	maxAuthorName       = 256
)

func runes(s string) int { return utf8.RuneCountInString(s) }

// validateMessage checks m against Discord's size limits; prefix is the
// field path of the message in the request ("data" for callbacks).
func validateMessage(m *discordgo.Message, prefix ...string) []fieldError {
	at := func(p ...string) []string { return append(append([]string(nil), prefix...), p...) }
	var errs []fieldError
	if runes(m.Content) > maxContent {
		errs = append(errs, tooLong(maxContent, at("content")...))
	}
	if len(m.Embeds) > maxEmbeds {
		errs = append(errs, tooLong(maxEmbeds, at("embeds")...))
	}
	total := 0
	for i, e := range m.Embeds {
		if e == nil {
			continue
		}
		n := strconv.Itoa(i)
		check := func(s string, max int, p ...string) {
			total += runes(s)
			if runes(s) > max {
				errs = append(errs, tooLong(max, at(append([]string{"embeds", n}, p...)...)...))
			}
		}
		check(e.Title, maxEmbedTitle, "title")
		check(e.Description, maxEmbedDescription, "description")
		if len(e.Fields) > maxEmbedFields {
			errs = append(errs, tooLong(maxEmbedFields, at("embeds", n, "fields")...))
		}
		for j, f := range e.Fields {
			if f == nil {
				continue
			}
			check(f.Name, maxFieldName, "fields", strconv.Itoa(j), "name")
			check(f.Value, maxFieldValue, "fields", strconv.Itoa(j), "value")
		}
		if e.Footer != nil {
			check(e.Footer.Text, maxFooterText, "footer", "text")
		}
		if e.Author != nil {
			check(e.Author.Name, maxAuthorName, "author", "name")
		}
	}
	if total > maxEmbedTotal {
		errs = append(errs, fieldError{path: at("embeds"), code: "MAX_EMBED_SIZE_EXCEEDED",
			msg: fmt.Sprintf("Embed size exceeds maximum size of %d", maxEmbedTotal)})
	}
	return errs
}

// isEmpty reports a message Discord refuses to send (50006).
func isEmpty(m *discordgo.Message) bool {
	return m.Content == "" && len(m.Embeds) == 0 && len(m.Attachments) == 0 &&
		len(m.Components) == 0 && len(m.StickerItems) == 0 && m.Poll == nil
}

// wireMessage is a Message as Discord sends it: discordgo's Message leaves
// components out of its JSON (it only knows how to read them).
type wireMessage struct {
	*discordgo.Message
	Components []discordgo.MessageComponent `json:"components"`
}

func toWire(m *discordgo.Message) wireMessage {
	c := m.Components
	if c == nil {
		c = []discordgo.MessageComponent{}
	}
	return wireMessage{Message: m, Components: c}
}

// copyMessage deep-copies m through JSON, so that callers never share
// memory with the store.
func copyMessage(m *discordgo.Message) *discordgo.Message {
	if m == nil {
		return nil
	}
	b, err := json.Marshal(toWire(m))
	if err != nil {
		panic("discordtest: marshal message: " + err.Error())
	}
	var out discordgo.Message
	if err := json.Unmarshal(b, &out); err != nil {
		panic("discordtest: unmarshal message: " + err.Error())
	}
	return &out
}

// decodeFields splits a JSON object into its raw fields, so that an edit can
// tell an absent field (keep) from null or empty (clear).
func decodeFields(payload []byte) (map[string]json.RawMessage, error) {
	fields := map[string]json.RawMessage{}
	if len(payload) == 0 {
		return fields, nil
	}
	if err := json.Unmarshal(payload, &fields); err != nil {
		return nil, err
	}
	return fields, nil
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// applyFields sets m's fields from a create or edit payload and attaches the
// uploaded files. On edit, absent fields keep their value and an
// "attachments" list names the attachments to keep.
func (s *Server) applyFieldsLocked(m *discordgo.Message, fields map[string]json.RawMessage, files []File, create bool) error {
	if raw, ok := fields["content"]; ok {
		m.Content = ""
		if !isNull(raw) {
			if err := json.Unmarshal(raw, &m.Content); err != nil {
				return fmt.Errorf("content: %w", err)
			}
		}
	}
	if raw, ok := fields["embeds"]; ok {
		m.Embeds = []*discordgo.MessageEmbed{}
		if !isNull(raw) {
			if err := json.Unmarshal(raw, &m.Embeds); err != nil {
				return fmt.Errorf("embeds: %w", err)
			}
		}
	}
	if raw, ok := fields["components"]; ok {
		m.Components = nil
		if !isNull(raw) {
			// Message knows how to read components; MessageSend does not.
			var holder discordgo.Message
			if err := json.Unmarshal([]byte(`{"components":`+string(raw)+`}`), &holder); err != nil {
				return fmt.Errorf("components: %w", err)
			}
			m.Components = holder.Components
		}
	}
	if raw, ok := fields["flags"]; ok && !isNull(raw) {
		var f discordgo.MessageFlags
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("flags: %w", err)
		}
		if create {
			m.Flags = f
		} else {
			// Only SUPPRESS_EMBEDS can change after sending.
			m.Flags = m.Flags&^discordgo.MessageFlagsSuppressEmbeds | f&discordgo.MessageFlagsSuppressEmbeds
		}
	}
	if raw, ok := fields["tts"]; ok && create && !isNull(raw) {
		json.Unmarshal(raw, &m.TTS)
	}
	if raw, ok := fields["message_reference"]; ok && create && !isNull(raw) {
		var ref discordgo.MessageReference
		if err := json.Unmarshal(raw, &ref); err != nil {
			return fmt.Errorf("message_reference: %w", err)
		}
		m.MessageReference = &ref
		if ref.ChannelID == "" {
			m.MessageReference.ChannelID = m.ChannelID
		}
		if target, ok := s.messages[ref.MessageID]; ok {
			m.ReferencedMessage = copyMessage(target)
			m.Type = discordgo.MessageTypeReply
		}
	}
	if raw, ok := fields["attachments"]; ok && !create {
		var keep []struct {
			ID json.Number `json:"id"`
		}
		if !isNull(raw) {
			if err := json.Unmarshal(raw, &keep); err != nil {
				return fmt.Errorf("attachments: %w", err)
			}
		}
		ids := map[string]bool{}
		for _, k := range keep {
			ids[k.ID.String()] = true
		}
		kept := []*discordgo.MessageAttachment{}
		for _, a := range m.Attachments {
			if ids[a.ID] {
				kept = append(kept, a)
			}
		}
		m.Attachments = kept
	}
	for _, f := range files {
		m.Attachments = append(m.Attachments, s.attachLocked(m.ChannelID, f))
	}
	return nil
}

// botUser is the bot as Discord shows it in messages.
func (s *Server) botUser() *discordgo.User {
	return &discordgo.User{ID: s.cfg.botID, Username: s.cfg.botName, Discriminator: "0", Bot: true}
}

// newMessageLocked returns a message by the bot in channelID, not stored yet.
func (s *Server) newMessageLocked(channelID string) *discordgo.Message {
	m := &discordgo.Message{
		ID:          s.newID(),
		ChannelID:   channelID,
		Timestamp:   time.Now().UTC(),
		Author:      s.botUser(),
		Embeds:      []*discordgo.MessageEmbed{},
		Attachments: []*discordgo.MessageAttachment{},
		Mentions:    []*discordgo.User{},
	}
	if cs, ok := s.channels[channelID]; ok {
		m.GuildID = cs.ch.GuildID
	}
	return m
}

// storeMessageLocked adds m to its channel.
func (s *Server) storeMessageLocked(m *discordgo.Message) {
	cs := s.ensureChannelLocked(m.ChannelID, m.GuildID, m.Author)
	if _, ok := s.messages[m.ID]; !ok {
		cs.msgs = append(cs.msgs, m.ID)
	}
	s.messages[m.ID] = m
	cs.ch.LastMessageID = m.ID
	if cs.ch.IsThread() {
		cs.ch.MessageCount++
	}
}

// deleteMessageLocked removes a message from the store.
func (s *Server) deleteMessageLocked(m *discordgo.Message) {
	delete(s.messages, m.ID)
	if cs, ok := s.channels[m.ChannelID]; ok {
		for i, id := range cs.msgs {
			if id == m.ID {
				cs.msgs = append(cs.msgs[:i:i], cs.msgs[i+1:]...)
				break
			}
		}
	}
}

// Message returns the current state of a message, or nil when it does not
// exist (or was deleted).
func (s *Server) Message(channelID, messageID string) *discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[messageID]
	if !ok || m.ChannelID != channelID {
		return nil
	}
	return copyMessage(m)
}

// ChannelMessages returns a channel's messages, oldest first.
func (s *Server) ChannelMessages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.channels[channelID]
	if !ok {
		return nil
	}
	out := make([]*discordgo.Message, 0, len(cs.msgs))
	for _, id := range cs.msgs {
		out = append(out, copyMessage(s.messages[id]))
	}
	return out
}
