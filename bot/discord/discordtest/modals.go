package discordtest

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on a modal (an interaction response of type 9).
const (
	maxModalTitle      = 45
	maxCustomID        = 100
	maxModalRows       = 5
	maxTextInputLabel  = 45
	maxTextInputLength = 4000
	maxPlaceholder     = 100
)

// validateModal checks a modal callback's data as Discord does: a custom
// id and a title, one to five action rows of one text input each, and
// each text input's label, style and lengths (a prefilled value longer
// than the input's max_length is refused).
func validateModal(raw json.RawMessage) []fieldError {
	var m struct {
		CustomID   string `json:"custom_id"`
		Title      string `json:"title"`
		Components []struct {
			Type       discordgo.ComponentType `json:"type"`
			Components []struct {
				Type        discordgo.ComponentType `json:"type"`
				CustomID    string                  `json:"custom_id"`
				Style       int                     `json:"style"`
				Label       string                  `json:"label"`
				MinLength   *int                    `json:"min_length"`
				MaxLength   *int                    `json:"max_length"`
				Value       string                  `json:"value"`
				Placeholder string                  `json:"placeholder"`
			} `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return []fieldError{{path: []string{"data"}, code: "MODEL_TYPE_CONVERT", msg: "Only dictionaries may be used in a ModelType"}}
	}
	var errs []fieldError
	length := func(s string, lo, hi int, path ...string) {
		if n := runes(s); n < lo || n > hi {
			errs = append(errs, fieldError{path: append([]string{"data"}, path...), code: "BASE_TYPE_BAD_LENGTH",
				msg: fmt.Sprintf("Must be between %d and %d in length.", lo, hi)})
		}
	}
	length(m.CustomID, 1, maxCustomID, "custom_id")
	length(m.Title, 1, maxModalTitle, "title")
	if n := len(m.Components); n < 1 || n > maxModalRows {
		errs = append(errs, fieldError{path: []string{"data", "components"}, code: "BASE_TYPE_BAD_LENGTH",
			msg: fmt.Sprintf("Must be between 1 and %d in length.", maxModalRows)})
	}
	for i, row := range m.Components {
		at := []string{"components", strconv.Itoa(i)}
		if row.Type != discordgo.ActionsRowComponent || len(row.Components) != 1 {
			errs = append(errs, fieldError{path: append([]string{"data"}, at...), code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
				msg: "An action row in a modal holds exactly one text input"})
			continue
		}
		ti := row.Components[0]
		at = append(at, "components", "0")
		sub := func(p string) []string { return append(append([]string(nil), at...), p) }
		if ti.Type != discordgo.TextInputComponent {
			errs = append(errs, fieldError{path: append([]string{"data"}, sub("type")...), code: "UNION_TYPE_CHOICES",
				msg: "Value of field \"type\" must be one of (4,)."})
			continue
		}
		length(ti.CustomID, 1, maxCustomID, sub("custom_id")...)
		length(ti.Label, 1, maxTextInputLabel, sub("label")...)
		length(ti.Placeholder, 0, maxPlaceholder, sub("placeholder")...)
		if ti.Style != int(discordgo.TextInputShort) && ti.Style != int(discordgo.TextInputParagraph) {
			errs = append(errs, fieldError{path: append([]string{"data"}, sub("style")...), code: "BASE_TYPE_CHOICES",
				msg: "Value must be one of (1, 2)."})
		}
		lo, hi := 0, maxTextInputLength
		if ti.MinLength != nil {
			lo = *ti.MinLength
			if lo < 0 || lo > maxTextInputLength {
				errs = append(errs, fieldError{path: append([]string{"data"}, sub("min_length")...), code: "NUMBER_TYPE_MAX",
					msg: fmt.Sprintf("int value should be between 0 and %d.", maxTextInputLength)})
			}
		}
		if ti.MaxLength != nil {
			hi = *ti.MaxLength
			if hi < 1 || hi > maxTextInputLength {
				errs = append(errs, fieldError{path: append([]string{"data"}, sub("max_length")...), code: "NUMBER_TYPE_MAX",
					msg: fmt.Sprintf("int value should be between 1 and %d.", maxTextInputLength)})
			}
		}
		length(ti.Value, 0, min(hi, maxTextInputLength), sub("value")...)
	}
	return errs
}
