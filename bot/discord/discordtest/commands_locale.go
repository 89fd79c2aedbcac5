package discordtest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// discordLocales are the locales Discord takes as keys of
// name_localizations and description_localizations.
var discordLocales = map[discordgo.Locale]bool{
	"id": true, "da": true, "de": true, "en-GB": true, "en-US": true, "es-ES": true, "es-419": true,
	"fr": true, "hr": true, "it": true, "lt": true, "hu": true, "nl": true, "no": true, "pl": true,
	"pt-BR": true, "ro": true, "fi": true, "sv-SE": true, "vi": true, "tr": true, "cs": true, "el": true,
	"bg": true, "ru": true, "uk": true, "hi": true, "th": true, "zh-CN": true, "ja": true, "zh-TW": true, "ko": true,
}

// localizedName is Discord's pattern for slash command and option names
// (`^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`), which must also be
// lowercase where the script has case.
var localizedName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// checkLocalizations validates the localisations of a command and of its
// options, as Discord does: known locales, valid names (a message or user
// command's name: 1–32 characters of anything), descriptions and choice
// names of 1–100 characters.
func checkLocalizations(cmd *discordgo.ApplicationCommand, at []string) []fieldError {
	chat := cmd.Type == discordgo.ChatApplicationCommand || cmd.Type == 0
	var errs []fieldError
	if cmd.NameLocalizations != nil {
		errs = append(errs, checkLocalized(*cmd.NameLocalizations, chat, true, append(at, "name_localizations"))...)
	}
	if cmd.DescriptionLocalizations != nil {
		errs = append(errs, checkLocalized(*cmd.DescriptionLocalizations, chat, false, append(at, "description_localizations"))...)
	}
	return append(errs, checkOptionLocalizations(cmd.Options, append(at, "options"))...)
}

func checkOptionLocalizations(opts []*discordgo.ApplicationCommandOption, at []string) []fieldError {
	var errs []fieldError
	for i, o := range opts {
		p := append(append([]string(nil), at...), strconv.Itoa(i))
		errs = append(errs, checkLocalized(o.NameLocalizations, true, true, append(p, "name_localizations"))...)
		errs = append(errs, checkLocalized(o.DescriptionLocalizations, true, false, append(p, "description_localizations"))...)
		for j, c := range o.Choices {
			errs = append(errs, checkLocalized(c.NameLocalizations, true, false, append(p, "choices", strconv.Itoa(j), "name_localizations"))...)
		}
		errs = append(errs, checkOptionLocalizations(o.Options, append(p, "options"))...)
	}
	return errs
}

func checkLocalized(m map[discordgo.Locale]string, chat, name bool, at []string) []fieldError {
	var errs []fieldError
	for l, s := range m {
		path := append(append([]string(nil), at...), string(l))
		switch {
		case !discordLocales[l]:
			errs = append(errs, fieldError{path: path, code: "LOCALE_INVALID", msg: "Invalid locale"})
		case name && chat && (!localizedName.MatchString(s) || strings.ToLower(s) != s):
			errs = append(errs, fieldError{path: path, code: "APPLICATION_COMMAND_INVALID_NAME", msg: "Command name is invalid"})
		case name && (runes(s) < 1 || runes(s) > 32):
			errs = append(errs, fieldError{path: path, code: "BASE_TYPE_BAD_LENGTH", msg: "Must be between 1 and 32 in length."})
		case !name && (runes(s) < 1 || runes(s) > 100):
			errs = append(errs, fieldError{path: path, code: "BASE_TYPE_BAD_LENGTH", msg: "Must be between 1 and 100 in length."})
		}
	}
	return errs
}
