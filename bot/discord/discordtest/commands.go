package discordtest

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Commands returns the registered application commands of a guild, or the
// global ones for "".
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.Marshal(s.commands[guildID])
	var out []*discordgo.ApplicationCommand
	json.Unmarshal(b, &out)
	return out
}

var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

// prepareCommandLocked validates cmd and gives it the ids Discord would,
// keeping the id of an existing command with the same name and type.
func (s *Server) prepareCommandLocked(cmd *discordgo.ApplicationCommand, guildID string, existing []*discordgo.ApplicationCommand, at ...string) []fieldError {
	path := func(p string) []string { return append(append([]string(nil), at...), p) }
	if cmd.Type == 0 {
		cmd.Type = discordgo.ChatApplicationCommand
	}
	var errs []fieldError
	if cmd.Type == discordgo.ChatApplicationCommand {
		if !commandName.MatchString(cmd.Name) || strings.ToLower(cmd.Name) != cmd.Name {
			errs = append(errs, fieldError{path: path("name"), code: "APPLICATION_COMMAND_INVALID_NAME", msg: "Command name is invalid"})
		}
		if n := runes(cmd.Description); n < 1 || n > 100 {
			errs = append(errs, fieldError{path: path("description"), code: "BASE_TYPE_BAD_LENGTH", msg: "Must be between 1 and 100 in length."})
		}
	} else if n := runes(cmd.Name); n < 1 || n > 32 {
		errs = append(errs, fieldError{path: path("name"), code: "BASE_TYPE_BAD_LENGTH", msg: "Must be between 1 and 32 in length."})
	}
	errs = append(errs, checkLocalizations(cmd, at)...)
	cmd.ID = ""
	for _, old := range existing {
		if old.Name == cmd.Name && old.Type == cmd.Type {
			cmd.ID = old.ID
		}
	}
	if cmd.ID == "" {
		cmd.ID = s.newID()
	}
	cmd.ApplicationID = s.cfg.appID
	cmd.GuildID = guildID
	cmd.Version = s.newID()
	return errs
}

func (s *Server) checkApp(c *call) *Response {
	if c.r.PathValue("app") != s.cfg.appID {
		return errMissingAccess()
	}
	if g := c.r.PathValue("guild"); g != "" && !slices.Contains(s.cfg.guilds, g) {
		return errMissingAccess()
	}
	return nil
}

func (s *Server) getCommands(c *call) *Response {
	if resp := s.checkApp(c); resp != nil {
		return resp
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[c.r.PathValue("guild")]
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	return JSONResponse(http.StatusOK, cmds)
}

// overwriteCommands handles the bulk overwrite (PUT): the body replaces every
// command of the scope.
func (s *Server) overwriteCommands(c *call) *Response {
	if resp := s.checkApp(c); resp != nil {
		return resp
	}
	var cmds []*discordgo.ApplicationCommand
	if err := c.req.Decode(&cmds); err != nil {
		return invalidJSON()
	}
	guild := c.r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []fieldError
	names := map[string]bool{}
	for i, cmd := range cmds {
		errs = append(errs, s.prepareCommandLocked(cmd, guild, s.commands[guild], strconv.Itoa(i))...)
		key := strconv.Itoa(int(cmd.Type)) + "/" + cmd.Name
		if names[key] {
			errs = append(errs, fieldError{path: []string{strconv.Itoa(i), "name"}, code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
				msg: "Application command names must be unique"})
		}
		names[key] = true
	}
	if len(errs) > 0 {
		return invalidForm(errs)
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	s.commands[guild] = cmds
	s.notifyLocked()
	return JSONResponse(http.StatusOK, cmds)
}

// createCommand handles POST: create, or replace the command of that name.
func (s *Server) createCommand(c *call) *Response {
	if resp := s.checkApp(c); resp != nil {
		return resp
	}
	var cmd discordgo.ApplicationCommand
	if err := c.req.Decode(&cmd); err != nil {
		return invalidJSON()
	}
	guild := c.r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.commands[guild]
	if errs := s.prepareCommandLocked(&cmd, guild, old); len(errs) > 0 {
		return invalidForm(errs)
	}
	status := http.StatusCreated
	i := slices.IndexFunc(old, func(o *discordgo.ApplicationCommand) bool { return o.ID == cmd.ID })
	if i >= 0 {
		old[i] = &cmd
		status = http.StatusOK
	} else {
		s.commands[guild] = append(old, &cmd)
	}
	s.notifyLocked()
	return JSONResponse(status, &cmd)
}

func (s *Server) deleteCommand(c *call) *Response {
	if resp := s.checkApp(c); resp != nil {
		return resp
	}
	guild := c.r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.commands[guild]
	i := slices.IndexFunc(old, func(o *discordgo.ApplicationCommand) bool { return o.ID == c.r.PathValue("cmd") })
	if i < 0 {
		return errorResponse(http.StatusNotFound, 10063, "Unknown application command")
	}
	s.commands[guild] = slices.Delete(old, i, i+1)
	s.notifyLocked()
	return &Response{Status: http.StatusNoContent}
}
